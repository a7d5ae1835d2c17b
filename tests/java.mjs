// Where the tests find Java to run the W3C Nu HTML checker (vnu-jar) with:
// JAVA_PATH when set, else `java` on the PATH (Debian's default-jre-headless
// puts it in /usr/bin).
import { execFileSync } from "node:child_process";
import fs from "node:fs";

export const INSTALL_COMMAND =
  "sudo apt-get install -y --no-install-recommends default-jre-headless";

/** The java executable, or undefined when none runs. */
export function javaPath() {
  if (process.env.JAVA_PATH)
    return fs.existsSync(process.env.JAVA_PATH) ? process.env.JAVA_PATH : undefined;
  try {
    execFileSync("java", ["-version"], { stdio: "ignore" });
    return "java";
  } catch {
    return undefined;
  }
}
