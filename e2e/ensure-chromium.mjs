// Finds a Chromium for the end-to-end tests. Playwright's own browser download
// cannot work on these machines, so the suite drives the system's Chromium:
// /usr/bin/chromium (or CHROMIUM_PATH). On Debian as root it installs Debian's
// `chromium` package when missing; elsewhere it prints the one command to run.
import { execSync } from "node:child_process";
import fs from "node:fs";

const wanted = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (fs.existsSync(wanted)) process.exit(0);

const isDebian = fs.existsSync("/etc/debian_version");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isDebian && isRoot) {
  console.log("Chromium not found: installing Debian's chromium package (about a minute)…");
  try {
    execSync(
      "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium",
      {
        stdio: "inherit",
      },
    );
  } catch {
    console.error("Installing chromium with apt-get failed; see the output above.");
    process.exit(1);
  }
  if (fs.existsSync(wanted)) process.exit(0);
}
console.error(
  `End-to-end tests need Chromium at ${wanted}.\n` +
    (isDebian
      ? "Install it with: sudo apt-get install -y chromium"
      : "Install Chromium and set CHROMIUM_PATH to its executable, e.g. CHROMIUM_PATH=/usr/bin/chromium npm test"),
);
process.exit(1);
