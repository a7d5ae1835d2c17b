import { ORG_NAME } from "~/utils/site";

/** The one closing line of every email the app sends. */
export const SIGN_OFF = `— The ${ORG_NAME} careers team`;
