// Where the tests find ClamAV's daemon, clamd (Debian's package clamav-daemon
// puts it in /usr/sbin). CLAMD_PATH, when set, names another executable.
import fs from "node:fs";

const DEBIAN_CLAMD = "/usr/sbin/clamd";
export const INSTALL_COMMAND = "sudo apt-get install -y --no-install-recommends clamav-daemon";

/** The clamd executable, or undefined when none is installed. */
export function clamdPath() {
  if (process.env.CLAMD_PATH)
    return fs.existsSync(process.env.CLAMD_PATH) ? process.env.CLAMD_PATH : undefined;
  return fs.existsSync(DEBIAN_CLAMD) ? DEBIAN_CLAMD : undefined;
}
