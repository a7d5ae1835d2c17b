import { Link } from "@remix-run/react";
import type { OpeningKind } from "~/lib/enums";
import { OPENING_KIND_LABELS } from "~/utils/site";

export type OpenRoleItem = {
  slug: string;
  title: string;
  kind: OpeningKind;
  labName: string;
  location: string;
};

/**
 * A short list of open roles linking to their job pages on the careers site.
 * Shows `empty` when there are none, so a section never silently vanishes.
 */
export function OpenRoleList({ roles, empty }: { roles: OpenRoleItem[]; empty: string }) {
  if (roles.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="plain-list open-role-list">
      {roles.map((r) => (
        <li key={r.slug} className="card">
          <h3>
            <Link to={`/careers/${r.slug}`}>{r.title}</Link>
          </h3>
          <p className="meta-line">
            <span className="tag tag--accent">{OPENING_KIND_LABELS[r.kind]}</span> {r.labName} ·{" "}
            {r.location}
          </p>
        </li>
      ))}
    </ul>
  );
}
