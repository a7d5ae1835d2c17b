import { formatDate, isoDate } from "~/utils/time";

type Window = {
  open: boolean;
  opensAt: number;
  closesAt: number;
  decisionsAt: number;
  startsAt: number;
};

/** "Applications open until …" or, when closed, when the next window opens. */
export function WindowStatus({ window: w, compact }: { window: Window; compact?: boolean }) {
  return (
    <p className={compact ? "meta-line" : "window-status"}>
      {w.open ? (
        <>
          <strong>Applications are open</strong> until {formatDate(w.closesAt - 1)}.
        </>
      ) : (
        <>
          <strong>Applications are closed.</strong> The next window opens on {formatDate(w.opensAt)}
          .
        </>
      )}
    </p>
  );
}

/** The yearly timeline of the current (or next) cycle. */
export function ProgramTimeline({ window: w }: { window: Window }) {
  const steps = [
    ["Applications open", w.opensAt],
    ["Applications close", w.closesAt - 1],
    ["Decisions by", w.decisionsAt],
    ["Program starts", w.startsAt],
  ] as const;
  return (
    <ol className="timeline">
      {steps.map(([label, ms]) => (
        <li key={label}>
          <time dateTime={isoDate(ms)}>{formatDate(ms)}</time>
          <span>{label}</span>
        </li>
      ))}
    </ol>
  );
}
