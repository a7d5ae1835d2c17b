/**
 * A server-rendered horizontal bar chart in SVG. It is an image with a title
 * for assistive technology; the same numbers are always in a table beside it.
 */
import { useId } from "react";

export function BarChart({
  title,
  data,
  format = (n) => String(n),
}: {
  title: string;
  data: Array<{ label: string; value: number | null }>;
  format?: (n: number) => string;
}) {
  const id = useId();
  const labelWidth = 150;
  const barArea = 300;
  const rowHeight = 26;
  const max = Math.max(1, ...data.map((d) => d.value ?? 0));
  const height = data.length * rowHeight + 8;
  const summary = data
    .map((d) => `${d.label}: ${d.value === null ? "no data" : format(d.value)}`)
    .join("; ");
  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      viewBox={`0 0 ${labelWidth + barArea + 70} ${height}`}
      width={labelWidth + barArea + 70}
      height={height}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{summary}</desc>
      {data.map((d, i) => {
        const w = d.value ? Math.max(2, (d.value / max) * barArea) : 0;
        const y = i * rowHeight + 4;
        return (
          <g key={`${d.label}-${i}`}>
            <text x={labelWidth - 8} y={y + 15} textAnchor="end">
              {d.label.length > 22 ? `${d.label.slice(0, 21)}…` : d.label}
            </text>
            <rect
              className="bar"
              x={labelWidth}
              y={y + 2}
              width={w}
              height={rowHeight - 8}
              rx={3}
            />
            <text x={labelWidth + w + 6} y={y + 15}>
              {d.value === null ? "–" : format(d.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
