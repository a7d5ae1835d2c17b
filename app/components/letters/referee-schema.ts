/** The referee forms' schema (candidate side), shared by the route and its components. */
import { z } from "zod";
import { personNameField, textField } from "~/utils/form-fields";

export const refereeFields = {
  // The name is in the email the referee receives: no links of the candidate's choosing.
  name: personNameField("Enter the referee's name."),
  email: textField("Enter the referee's email address.", { max: 254 })
    .transform((v) => v.toLowerCase())
    .pipe(z.email("Enter a valid email address, like name@example.org.")),
  relationship: textField("Say how you know them, like “PhD supervisor”.", { max: 120 }),
};

const refereeId = z.number({ message: "Choose a referee." }).int().positive();

export const RefereeFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), ...refereeFields }),
  z.object({ intent: z.literal("replace"), refereeId, ...refereeFields }),
  z.object({ intent: z.literal("remind"), refereeId }),
]);
