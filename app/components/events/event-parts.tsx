type Place = {
  lab: { slug: string; name: string; city: string; countryName: string } | null;
  venueName: string | null;
  venueAddress: string | null;
  onlineUrl: string | null;
};

/** Where an event happens: a lab (linked), another venue, and/or online (linked until it is over). */
export function EventPlace({ event, past }: { event: Place; past: boolean }) {
  return (
    <ul className="plain-list">
      {event.lab ? (
        <li>
          <Link to={`/labs/${event.lab.slug}`}>{event.lab.name}</Link>
          <br />
          <span className="muted">
            {event.lab.city}, {event.lab.countryName}
          </span>
        </li>
      ) : null}
      {!event.lab && event.venueName ? (
        <li>
          {event.venueName}
          {event.venueAddress ? (
            <>
              <br />
              <span className="muted">{event.venueAddress}</span>
            </>
          ) : null}
        </li>
      ) : null}
      {event.onlineUrl ? (
        <li>
          {past ? (
            "Streamed online"
          ) : (
            <>
              Online:{" "}
              <a href={event.onlineUrl} rel="noopener noreferrer">
                join the stream
              </a>
            </>
          )}
        </li>
      ) : null}
    </ul>
  );
}

type Speaker = {
  name: string;
  affiliation: string | null;
  profileSlug: string | null;
  title: string | null;
};

/** Speakers: our researchers link to their profiles; guests show their affiliation. */
export function EventSpeakers({ speakers }: { speakers: Speaker[] }) {
  if (speakers.length === 0) return <p className="muted">Speakers to be announced.</p>;
  return (
    <ul className="plain-list speaker-list">
      {speakers.map((s, i) => (
        <li key={`${s.name}-${i}`}>
          {s.profileSlug ? <Link to={`/people/${s.profileSlug}`}>{s.name}</Link> : s.name}
          <br />
          <span className="muted">{s.profileSlug ? s.title : s.affiliation}</span>
        </li>
      ))}
    </ul>
  );
}
import { Link } from "@remix-run/react";
