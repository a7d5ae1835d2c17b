/**
 * The review page as a list of sections. Each section is one panel
 * component and one line in REVIEW_SECTIONS: its id (also the heading id),
 * its heading, the column it sits in and the component. To add a panel
 * (interviews, offers, letters…), write the component and add its line.
 *
 * Columns: "main" holds what the candidate sent and what needs width
 * (answers, letter, résumé, scorecards); "side" holds the running record
 * (notes, timeline, other applications). Below 1100 px they stack, main first.
 */
import { Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import type { ComponentType } from "react";
import { ReviewLetters, ReviewPublications } from "~/components/letters/review-letters";
import { Notes, Scorecards, Timeline } from "~/components/recruit/review-panels";
import { formatStaffDate } from "~/utils/time";
import { Answers, CoverLetter, Links, profileLinks, Resume } from "./material";
import type { action, loader } from "./route";

export type ReviewData = SerializeFrom<typeof loader>;
export type ReviewActionData = SerializeFrom<typeof action> | undefined;
export type SectionProps = { d: ReviewData; actionData: ReviewActionData };

export type ReviewSection = {
  id: string;
  title: string;
  column: "main" | "side";
  Panel: ComponentType<SectionProps>;
  /** Hide the whole section (heading included) when there is nothing to show. */
  hidden?: (d: ReviewData) => boolean;
};

function NotesPanel({ d, actionData }: SectionProps) {
  return (
    <Notes notes={d.notes} lastResult={actionData?.form === "note" ? actionData : undefined} />
  );
}

function ScorecardsPanel({ d, actionData }: SectionProps) {
  if (!d.app.criteria.length)
    return <p className="muted">This opening names no scorecard criteria yet.</p>;
  return (
    <Scorecards
      criteria={d.app.criteria}
      scorecards={d.scorecards}
      mine={d.myScorecard}
      lastResult={actionData?.form === "scorecard" ? actionData : undefined}
    />
  );
}

function OtherApplications({ d }: SectionProps) {
  if (d.others.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="plain-list">
      {d.others.map((o) => (
        <li key={o.id}>
          <Link to={`/recruit/applications/${o.id}`}>{o.opening}</Link>
          <div className="small muted">
            {o.stage} · {o.status} · {formatStaffDate(o.createdAt)}
          </div>
        </li>
      ))}
    </ul>
  );
}

export const REVIEW_SECTIONS: ReviewSection[] = [
  { id: "answers", title: "Screening answers", column: "main", Panel: Answers },
  { id: "cover", title: "Cover letter", column: "main", Panel: CoverLetter },
  { id: "resume", title: "Résumé", column: "main", Panel: Resume },
  {
    id: "letters",
    title: "Reference letters",
    column: "main",
    Panel: ({ d }) => <ReviewLetters applicationId={d.app.id} letters={d.letters} />,
    hidden: (d) => d.letters.required === 0 && d.letters.referees.length === 0,
  },
  {
    id: "publications",
    title: "Publications",
    column: "main",
    Panel: ({ d }) => <ReviewPublications publications={d.publications} />,
    hidden: (d) => d.publications.length === 0,
  },
  { id: "scores", title: "Scorecards", column: "main", Panel: ScorecardsPanel },
  { id: "notes", title: "Notes", column: "side", Panel: NotesPanel },
  {
    id: "timeline",
    title: "Timeline",
    column: "side",
    Panel: ({ d }) => <Timeline events={d.events} />,
  },
  {
    id: "links",
    title: "Links",
    column: "side",
    Panel: Links,
    hidden: (d) => profileLinks(d.profile).length === 0,
  },
  { id: "others", title: "Other applications", column: "side", Panel: OtherApplications },
];

function Column({ column, ...props }: SectionProps & { column: "main" | "side" }) {
  return (
    <div className={`review-column review-column--${column}`}>
      {REVIEW_SECTIONS.filter((s) => s.column === column && !s.hidden?.(props.d)).map(
        ({ id, title, Panel }) => (
          <section key={id} aria-labelledby={`${id}-h`} className="review-section" id={id}>
            <h2 id={`${id}-h`}>{title}</h2>
            <Panel {...props} />
          </section>
        ),
      )}
    </div>
  );
}

/** Every section of the review page, in its column. */
export function ReviewSections(props: SectionProps) {
  return (
    <div className="review-layout">
      <Column column="main" {...props} />
      <Column column="side" {...props} />
    </div>
  );
}
