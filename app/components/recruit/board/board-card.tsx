/**
 * One compact card: selection box (for the bulk bar), name (the review
 * page), headline, days in stage, rating, "new" flag, then the card's menu.
 * `extra` is a slot for other badges (e.g. letters received) so features can
 * add to a card without rewriting it. With JavaScript a drag handle appears;
 * without it the menu's forms do the same.
 */
import { Link } from "@remix-run/react";
import type { DraggableSyntheticListeners, DraggableAttributes } from "@dnd-kit/core";
import type { ReactNode, Ref } from "react";
import { plural } from "~/utils/misc";
import { CardMenu } from "./card-menu";
import { itemOf, type BoardCardData, type StageOption } from "~/lib/board";

export type DragHandleProps = {
  listeners: DraggableSyntheticListeners;
  attributes: DraggableAttributes;
  setActivatorNodeRef: (element: HTMLElement | null) => void;
};

export function BoardCard({
  card,
  stages,
  extra,
  handle,
  nodeRef,
  className = "",
}: {
  card: BoardCardData;
  stages: StageOption[];
  extra?: ReactNode;
  /** Present once JavaScript runs: the drag handle's wiring. */
  handle?: DragHandleProps;
  nodeRef?: Ref<HTMLLIElement>;
  className?: string;
}) {
  const active = card.status === "active";
  return (
    <li ref={nodeRef} className={`board-card ${className}`} data-card={card.id}>
      <div className="board-card__row">
        {active ? (
          <input
            type="checkbox"
            name="items"
            value={itemOf(card)}
            form="bulk-form"
            id={`select-${card.id}`}
            data-name={card.name}
            aria-label={`Select ${card.name}`}
          />
        ) : null}
        <h3 className="board-card__name">
          <Link to={`/recruit/applications/${card.id}`} className="board-card__link">
            {card.name}
          </Link>
        </h3>
        {handle && active ? (
          <button
            type="button"
            ref={handle.setActivatorNodeRef}
            className="drag-handle"
            {...handle.attributes}
            {...handle.listeners}
            aria-label={`Drag ${card.name}`}
          >
            <span aria-hidden="true">⠿</span>
          </button>
        ) : null}
      </div>
      {card.headline ? <p className="board-card__headline">{card.headline}</p> : null}
      <p className="board-card__meta">
        <span>{plural(card.daysInStage, "day")} in stage</span>
        {card.rating !== null ? (
          <span>
            <span className="visually-hidden">rated </span>
            <span aria-hidden="true">★ </span>
            {card.rating.toFixed(1)}
            <span className="visually-hidden"> of 4</span>
          </span>
        ) : null}
        {card.isNew ? <span className="flag-new">New</span> : null}
        {card.status === "hired" ? (
          <span className="status-badge status-badge--offer">Hired</span>
        ) : null}
        {extra}
      </p>
      {active ? <CardMenu card={card} stages={stages} /> : null}
    </li>
  );
}
