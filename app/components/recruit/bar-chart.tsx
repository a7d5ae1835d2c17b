/**
 * A server-rendered horizontal bar chart: one row per item with its label in
 * text at the page's own size (it wraps rather than being cut short, and a
 * phone does not shrink it the way a scaled SVG shrinks its text), a bar drawn
 * in SVG and the value. For assistive technology it is one image with a title
 * and a summary; the same numbers are always in a table beside it.
 */
import { useId } from "react";

export function BarChart({
  title,
  data,
  format = (n) => String(n),
}: {
  title: string;
  data: Array<{ label: string; value: number | null; note?: string }>;
  format?: (n: number) => string;
}) {
  const id = useId();
  const max = Math.max(1, ...data.map((d) => d.value ?? 0));
  const shown = (d: { value: number | null; note?: string }) =>
    d.value === null ? "no data" : `${format(d.value)}${d.note ? ` (${d.note})` : ""}`;
  const summary = data.map((d) => `${d.label}: ${shown(d)}`).join("; ");
  return (
    <div className="chart" role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`}>
      <p id={`${id}-t`} className="chart__title">
        {title}
      </p>
      <p id={`${id}-d`} className="visually-hidden">
        {summary}
      </p>
      <ol className="chart__rows">
        {data.map((d, i) => (
          <li key={`${d.label}-${i}`} className="chart__row">
            <span className="chart__label">{d.label}</span>
            <svg
              className="chart__bar"
              viewBox="0 0 100 10"
              preserveAspectRatio="none"
              focusable="false"
            >
              {d.value ? (
                <rect className="bar" width={Math.max(1, (d.value / max) * 100)} height={10} />
              ) : null}
            </svg>
            <span className="chart__value">{d.value === null ? "–" : shown(d)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
