// Makes sure the end-to-end tests have a Chromium to drive (see chromium.mjs
// for which one). On Debian as root it installs the package
// chromium-headless-shell when it is missing (a few seconds); elsewhere it
// prints the one command to run. With CHROMIUM_PATH set, it only checks that
// the file exists.
import { execSync } from "node:child_process";
import fs from "node:fs";
import { HEADLESS_SHELL, chromiumPath } from "./chromium.mjs";

const explicit = process.env.CHROMIUM_PATH;
if (explicit) {
  if (fs.existsSync(explicit)) process.exit(0);
  console.error(`CHROMIUM_PATH is ${explicit}, which does not exist.`);
  process.exit(1);
}
if (fs.existsSync(HEADLESS_SHELL)) process.exit(0);

const isDebian = fs.existsSync("/etc/debian_version");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isDebian && isRoot) {
  console.log("Installing Debian's chromium-headless-shell for the end-to-end tests…");
  const install = "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell";
  try {
    // The package lists are usually there already; refresh them only if needed.
    execSync(`${install} || (apt-get update -qq && ${install})`, { stdio: "inherit" });
  } catch {
    console.error("Installing chromium-headless-shell with apt-get failed; see the output above.");
  }
}
const found = chromiumPath();
if (found) {
  if (found !== HEADLESS_SHELL) console.log(`Using ${found} (slower than ${HEADLESS_SHELL}).`);
  process.exit(0);
}
console.error(
  "End-to-end tests need Chromium.\n" +
    (isDebian
      ? "Install it with: sudo apt-get install -y chromium-headless-shell"
      : "Install Chromium and set CHROMIUM_PATH to its executable, e.g. CHROMIUM_PATH=/usr/bin/chromium npm test"),
);
process.exit(1);
