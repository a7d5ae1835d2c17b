/**
 * A program's application window. Its timeline repeats yearly as month-days
 * ("MM-DD", UTC): the window opens at the start of `opensOn` and closes at the
 * end of `closesOn` (which may fall in the next year, e.g. 11-01 → 01-31).
 * Pure date arithmetic, shared by the program pages and the page cache's
 * clock boundaries.
 */
const DAY = 86_400_000;
const md = (value: string) => value.split("-").map(Number) as [number, number];
const at = (year: number, monthDay: string) => {
  const [m, d] = md(monthDay);
  return Date.UTC(year, m - 1, d);
};

export type ProgramWindow = {
  open: boolean;
  /** Start of the current window when open, else of the next one. */
  opensAt: number;
  /** End (exclusive) of that window. */
  closesAt: number;
  decisionsAt: number;
  startsAt: number;
};

/** The application window that is open at `now`, or else the next one, with its decisions and start. */
export function programWindow(
  p: { opensOn: string; closesOn: string; decisionsOn: string; startsOn: string },
  now: number,
): ProgramWindow {
  const year = new Date(now).getUTCFullYear();
  const cycle = (y: number) => {
    const opensAt = at(y, p.opensOn);
    let closesAt = at(y, p.closesOn) + DAY;
    if (closesAt <= opensAt) closesAt = at(y + 1, p.closesOn) + DAY;
    const after = (monthDay: string, from: number) => {
      const y0 = new Date(from).getUTCFullYear();
      const t = at(y0, monthDay);
      return t >= from - DAY ? t : at(y0 + 1, monthDay);
    };
    const decisionsAt = after(p.decisionsOn, closesAt);
    return { opensAt, closesAt, decisionsAt, startsAt: after(p.startsOn, decisionsAt) };
  };
  for (const y of [year - 1, year, year + 1]) {
    const c = cycle(y);
    if (now >= c.opensAt && now < c.closesAt) return { open: true, ...c };
    if (c.opensAt > now) return { open: false, ...c };
  }
  return { open: false, ...cycle(year + 1) };
}

/** Every program's timeline (asked on each page-cache miss, so prepared once). */
