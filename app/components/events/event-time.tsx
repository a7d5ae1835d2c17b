import { useEffect, useState } from "react";
import { formatInVisitorZone } from "~/utils/event-time";

/**
 * An event's date and time as the server rendered it, in the event's own time
 * zone, inside <time datetime>. After hydration, if the visitor's zone differs,
 * a second line gives the time where they are; the server never guesses it,
 * so the first client render matches the HTML (no hydration mismatch).
 */
export function EventTime({
  startsAt,
  endsAt,
  timeZone,
  text,
  iso,
}: {
  startsAt: number;
  endsAt: number;
  timeZone: string;
  /** formatEventRange(...) in the event's zone, computed by the loader. */
  text: string;
  /** isoInZone(startsAt, timeZone). */
  iso: string;
}) {
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    const mine = formatInVisitorZone(startsAt, endsAt);
    setLocal(mine.text === text ? null : `${mine.text} (${mine.zone.replace(/_/g, " ")})`);
  }, [startsAt, endsAt, text]);
  return (
    <span className="event-time">
      <time dateTime={iso}>{text}</time>
      <span className="muted"> ({timeZone.replace(/_/g, " ")})</span>
      {local ? <span className="event-time__local">Your time: {local}</span> : null}
    </span>
  );
}
