import { useEffect, useState } from "react";
import { formatTimeRange, localTimeZone, utcToWallTime } from "~/utils/time";

/**
 * An event's date and time as the server rendered it, in the event's own time
 * zone (named in the text), inside <time datetime>. After hydration, if the
 * visitor's clock reads differently, a second line gives the time where they
 * are; the server never guesses it, so the first client render matches the
 * HTML (no hydration mismatch).
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
  /** formatTimeRange(startsAt, endsAt, timeZone), computed by the loader. */
  text: string;
  /** isoInZone(startsAt, timeZone). */
  iso: string;
}) {
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    const zone = localTimeZone();
    const sameClock = (z: string, ms: number) =>
      utcToWallTime(ms, z) === utcToWallTime(ms, timeZone);
    setLocal(
      !zone || (sameClock(zone, startsAt) && sameClock(zone, endsAt))
        ? null
        : formatTimeRange(startsAt, endsAt, zone),
    );
  }, [startsAt, endsAt, timeZone]);
  return (
    <span className="event-time">
      <time dateTime={iso}>{text}</time>
      {local ? <span className="event-time__local">Your time: {local}</span> : null}
    </span>
  );
}
