/** "My upcoming interviews" on /recruit: the scheduled interviews the signed-in staff member sits on. */
import { Link } from "@remix-run/react";
import { INTERVIEW_KIND_LABELS } from "~/lib/hiring-options";
import { formatStaffTimeRange } from "~/utils/time";

export function MyUpcomingInterviews({
  interviews,
}: {
  interviews: Array<{
    id: number;
    applicationId: number;
    kind: keyof typeof INTERVIEW_KIND_LABELS;
    startsAt: number;
    endsAt: number;
    timeZone: string;
    place: string;
    candidateName: string;
    openingTitle: string;
  }>;
}) {
  return (
    <section aria-labelledby="my-interviews-h" className="home-panel">
      <h2 id="my-interviews-h">My upcoming interviews</h2>
      {interviews.length === 0 ? <p className="muted">None scheduled.</p> : null}
      <ul className="plain-list stack">
        {interviews.map((i) => (
          <li key={i.id}>
            <Link to={`/recruit/applications/${i.applicationId}/hiring`}>
              {INTERVIEW_KIND_LABELS[i.kind]} with {i.candidateName}
            </Link>
            <div className="small muted">
              {formatStaffTimeRange(i.startsAt, i.endsAt, i.timeZone)} · {i.openingTitle} ·{" "}
              {i.place}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
