/**
 * Progress for long commands (seed, bench, backup, restore, retention): on a
 * terminal, one line rewritten in place with the count, the rate and the time
 * left; in a log or a pipe, nothing until the command's own final summary.
 */
export function progress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  /** `showRate: false` leaves out the items per second (when the items are seconds of a fixed run). */
  options: { showRate?: boolean } = {},
) {
  const started = Date.now();
  let last = 0;
  const live = stream.isTTY === true && !process.env.CI;
  return {
    /** `note`: a short text after the count, e.g. what has been measured so far. */
    tick(done: number, note?: string) {
      if (!live) return;
      const now = Date.now();
      if (now - last < 200 && done < total) return;
      last = now;
      const seconds = (now - started) / 1000;
      const rate = done / Math.max(seconds, 0.001);
      const left = rate > 0 ? (total - done) / rate : 0;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      const speed =
        options.showRate === false ? "" : `, ${Math.round(rate).toLocaleString("en")}/s`;
      stream.write(
        `\r${label}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} (${pct} %)${speed}, ~${Math.ceil(left)} s left${note ? `, ${note}` : ""}   `,
      );
    },
    done() {
      if (live) stream.write("\r\x1b[K");
    },
  };
}

/**
 * A step without a count (building an index, a batch of small writes): on a
 * terminal, "label…" until `done()` clears it; in a log or a pipe, nothing.
 */
export function phase(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const live = stream.isTTY === true && !process.env.CI;
  if (live) stream.write(`\r\x1b[K${label}…`);
  return {
    done() {
      if (live) stream.write("\r\x1b[K");
    },
  };
}
