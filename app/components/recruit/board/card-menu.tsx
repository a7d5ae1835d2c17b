/**
 * Every action on one card behind ONE disclosure (<details>): move (to the
 * next stage by default), "Hire…" (the hire dialog, or a confirmation page
 * without JavaScript, asks first) and
 * "Reject…" (opens the rejection panel with its reason and message). Plain
 * forms and a link, so it works without JavaScript; with it, the same menu is
 * the card's menu (drag-and-drop is the quick way to move).
 */
import { Link, useLocation } from "@remix-run/react";
import { HireForm, MoveForm } from "~/components/recruit/pipeline-forms";
import type { BoardCardData, StageOption } from "~/lib/board";

export function CardMenu({ card, stages }: { card: BoardCardData; stages: StageOption[] }) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.set("reject", String(card.id));
  return (
    <details className="card-menu">
      <summary>
        Actions<span className="visually-hidden"> for {card.name}</span>
      </summary>
      <div className="card-menu__body">
        <MoveForm app={card} stages={stages} compact />
        <div className="card-menu__row">
          <HireForm app={card} />
          <Link
            to={`?${params}`}
            preventScrollReset
            className="button button--small button--ghost card-menu__reject"
          >
            Reject…<span className="visually-hidden"> {card.name}</span>
          </Link>
        </div>
      </div>
    </details>
  );
}
