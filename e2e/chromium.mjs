// Which Chromium the end-to-end tests drive. Playwright's own browser download
// cannot work on these machines, so the suite uses Debian's packages:
//   1. CHROMIUM_PATH, when set (e.g. /usr/bin/chromium to watch a run with --headed);
//   2. /usr/bin/chromium-headless-shell (package chromium-headless-shell), the
//      same engine without the browser's UI process and compositor: the suite
//      needs markedly less CPU with it than with the full browser, and on a
//      2-core machine the suite is CPU-bound (it is also what Playwright itself
//      runs for headless Chromium);
//   3. /usr/bin/chromium.
import fs from "node:fs";

export const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
const FULL_BROWSER = "/usr/bin/chromium";

/** The executable to launch, or undefined when none is installed. */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return [HEADLESS_SHELL, FULL_BROWSER].find((p) => fs.existsSync(p));
}
