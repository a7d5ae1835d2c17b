// Makes sure the tests have ClamAV's daemon to scan uploads with (see
// clamd.mjs). On Debian as root it installs the package clamav-daemon when it
// is missing (about ten seconds); elsewhere it prints the one command to run.
// The tests start their own clamd with their own one-line signature file for
// the EICAR test file (tests/clamd.ts): no signature download is needed, and
// the package's own services are never started.
import { execSync } from "node:child_process";
import fs from "node:fs";
import { INSTALL_COMMAND, clamdPath } from "./clamd.mjs";

if (clamdPath()) process.exit(0);
if (process.env.CLAMD_PATH) {
  console.error(`CLAMD_PATH is ${process.env.CLAMD_PATH}, which does not exist.`);
  process.exit(1);
}

const isDebian = fs.existsSync("/etc/debian_version");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isDebian && isRoot) {
  console.log("Installing Debian's clamav-daemon for the upload scanning tests…");
  // Wait for another apt-get (another checkout's test run) rather than fail on its lock.
  const install =
    "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 clamav-daemon";
  const started = Date.now();
  try {
    // The package lists are usually there already; refresh them only if needed.
    execSync(`${install} || (apt-get update -qq && ${install})`, { stdio: "inherit" });
    console.log(`Installed clamav-daemon in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } catch {
    console.error("Installing clamav-daemon with apt-get failed; see the output above.");
  }
}
if (clamdPath()) process.exit(0);
console.error(
  "The tests of upload scanning need ClamAV's daemon (clamd).\n" +
    (isDebian
      ? `Install it with: ${INSTALL_COMMAND}`
      : "Install ClamAV and set CLAMD_PATH to its clamd executable."),
);
process.exit(1);
