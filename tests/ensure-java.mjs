// Makes sure the tests have Java to run the W3C Nu HTML checker with (see
// java.mjs; tests/html-validity.test.ts runs it). On Debian as root it
// installs the package default-jre-headless when Java is missing (about a
// minute); elsewhere it prints the one command to run.
import { execSync } from "node:child_process";
import fs from "node:fs";
import { INSTALL_COMMAND, javaPath } from "./java.mjs";

if (javaPath()) process.exit(0);
if (process.env.JAVA_PATH) {
  console.error(`JAVA_PATH is ${process.env.JAVA_PATH}, which does not exist.`);
  process.exit(1);
}

const isDebian = fs.existsSync("/etc/debian_version");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isDebian && isRoot) {
  console.log("Installing Debian's default-jre-headless for the HTML validity tests…");
  // Wait for another apt-get (another checkout's test run) rather than fail on its lock.
  const install =
    "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 default-jre-headless";
  const started = Date.now();
  try {
    // The package lists are usually there already; refresh them only if needed.
    execSync(`${install} || (apt-get update -qq && ${install})`, { stdio: "inherit" });
    console.log(
      `Installed default-jre-headless in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    );
  } catch {
    console.error("Installing default-jre-headless with apt-get failed; see the output above.");
  }
}
if (javaPath()) process.exit(0);
console.error(
  "The HTML validity tests need Java for the W3C Nu HTML checker.\n" +
    (isDebian
      ? `Install it with: ${INSTALL_COMMAND}`
      : "Install a Java runtime (11 or newer) and set JAVA_PATH to its java executable."),
);
process.exit(1);
