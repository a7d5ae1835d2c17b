/**
 * The columns of the board. Server-rendered as plain lists (every action in
 * each card's menu works without JavaScript); once hydrated, cards get a drag
 * handle and dnd-kit moves them between columns with the mouse, touch or the
 * keyboard (Space to pick up, arrows to change column, Space to drop, Escape
 * to cancel), announced to screen readers. A drop posts the SAME versioned
 * move the menu's form posts ("id:version" + stageId) through a fetcher; the
 * card shows in its new column at once and goes back if the move is refused.
 * A drop on the hired stage (mouse or keyboard) is a hire: the card waits in
 * that column while the hire dialog asks, and goes back on Cancel.
 */
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from "@dnd-kit/core";
import { Link, useFetcher, useLocation, useRevalidator } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useAskToHire } from "~/components/recruit/hire-dialog";
import { BoardCard } from "./board-card";
import {
  itemOf,
  PAGE_SIZE,
  type BoardCardData,
  type BoardColumnData,
  type StageOption,
} from "~/lib/board";

type MoveResult = { ok: boolean; message: string };

const columnKey = (stageId: number) => `stage-${stageId}`;

/** True after the first client render: drag handles only exist where they work. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * Arrow keys move a picked-up card to the previous / next column (not by a
 * few pixels at a time): the card's corner is placed on that column's corner.
 */
function columnCoordinates(order: { current: string[] }): KeyboardCoordinateGetter {
  return (event, { context: { active, over, droppableRects }, currentCoordinates }) => {
    const step =
      event.code === "ArrowRight" || event.code === "ArrowDown"
        ? 1
        : event.code === "ArrowLeft" || event.code === "ArrowUp"
          ? -1
          : 0;
    if (step === 0 || !active) return undefined;
    event.preventDefault();
    const from = over?.id ?? columnKey((active.data.current as { stageId: number }).stageId);
    const target = order.current[order.current.indexOf(String(from)) + step];
    const rect = target ? droppableRects.get(target) : undefined;
    return rect ? { x: rect.left, y: rect.top } : currentCoordinates;
  };
}

/** The pointer's column when there is a pointer; otherwise (keyboard) the column the card overlaps most. */
const collisions: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length > 0 ? within : rectIntersection(args);
};

export function PipelineBoard({
  columns,
  stages,
  cardExtra,
}: {
  columns: BoardColumnData[];
  stages: StageOption[];
  /** Extra badges per card (a slot for other features). */
  cardExtra?: (card: BoardCardData) => ReactNode;
}) {
  const hydrated = useHydrated();
  const ask = useAskToHire();
  const mover = useFetcher<MoveResult>({ key: "board-move" });
  // A card dropped on the hired stage while the hire dialog asks: shown there until the answer.
  const [asking, setAsking] = useState<{ id: number; to: number } | null>(null);
  const revalidator = useRevalidator();
  const [dragging, setDragging] = useState<BoardCardData | null>(null);
  const order = useRef<string[]>([]);
  order.current = columns.map((c) => columnKey(c.id));

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates(order) }),
  );

  // The move in flight (or being revalidated), or the hire being asked about: shown where it is going.
  const pending = mover.formData?.get("intent") === "move" ? mover.formData : null;
  const shownId = pending
    ? Number(String(pending.get("item")).split(":")[0])
    : (asking?.id ?? null);
  const shownTo = pending ? Number(pending.get("stageId")) : (asking?.to ?? null);
  const view = useMemo(() => {
    if (shownId === null || shownTo === null) return columns;
    const [id, to] = [shownId, shownTo];
    const card = columns.flatMap((c) => c.cards).find((c) => c.id === id);
    if (!card || card.stageId === to) return columns;
    return columns.map((col) => {
      if (col.id === card.stageId)
        return { ...col, count: col.count - 1, cards: col.cards.filter((c) => c.id !== id) };
      if (col.id === to)
        return { ...col, count: col.count + 1, cards: [{ ...card, stageId: to }, ...col.cards] };
      return col;
    });
  }, [columns, shownId, shownTo]);

  // A refused move (stale page): the card is back where it was; show the board as it is now.
  const refused = mover.state === "idle" && mover.data && !mover.data.ok ? mover.data : null;
  useEffect(() => {
    if (refused) revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per refusal
  }, [refused]);

  const stageName = (id: unknown) =>
    columns.find((c) => columnKey(c.id) === id)?.name ?? "no column";
  const isHired = (id: unknown) => columns.find((c) => columnKey(c.id) === id)?.hired ?? false;
  const cardOf = (data: unknown) => (data as { card: BoardCardData } | undefined)?.card;
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${cardOf(active.data.current)?.name}. Use the left and right arrow keys to choose a stage, Space to drop, Escape to cancel.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${cardOf(active.data.current)?.name} is over ${stageName(over.id)}.`
        : `${cardOf(active.data.current)?.name} is not over a stage.`,
    onDragEnd: ({ active, over }) => {
      const card = cardOf(active.data.current);
      if (!over || over.id === columnKey(card?.stageId ?? 0))
        return `${card?.name} was dropped back in its stage.`;
      if (isHired(over.id))
        return `${card?.name} was dropped on ${stageName(over.id)}: confirm or cancel the hire in the dialog.`;
      return `Moving ${card?.name} to ${stageName(over.id)}.`;
    },
    onDragCancel: ({ active }) =>
      `Moving ${cardOf(active.data.current)?.name} was cancelled; it stays where it was.`,
  };

  function onDragStart(event: DragStartEvent) {
    setDragging(cardOf(event.active.data.current) ?? null);
  }
  function onDragEnd(event: DragEndEvent) {
    setDragging(null);
    const card = cardOf(event.active.data.current);
    const over = event.over?.data.current as { stageId: number } | undefined;
    if (!card || !over || over.stageId === card.stageId) return;
    const move = { intent: "move", item: itemOf(card), stageId: String(over.stageId) };
    if (!columns.find((c) => c.id === over.stageId)?.hired) {
      mover.submit(move, { method: "post" });
      return;
    }
    if (!ask) return; // not hydrated: no drag either
    setAsking({ id: card.id, to: over.stageId });
    ask({
      names: [card.name],
      onConfirm: () => {
        setAsking(null);
        mover.submit({ ...move, confirm: "yes" }, { method: "post" });
      },
      onCancel: () => setAsking(null),
    });
  }

  const board = (
    <div className="board" data-hydrated={hydrated ? "" : undefined}>
      {view.map((col) => (
        <Column key={col.id} column={col}>
          {col.cards.map((card) =>
            hydrated ? (
              <DraggableCard
                key={card.id}
                card={card}
                stages={stages}
                extra={cardExtra?.(card)}
                moving={dragging?.id === card.id}
              />
            ) : (
              <BoardCard key={card.id} card={card} stages={stages} extra={cardExtra?.(card)} />
            ),
          )}
        </Column>
      ))}
    </div>
  );

  const done = mover.state === "idle" && mover.data?.ok ? mover.data : null;
  return (
    <>
      {refused ? (
        <p className="form-error" role="alert">
          {refused.message}
        </p>
      ) : null}
      {done ? (
        <p className="notice" role="status">
          {done.message}
        </p>
      ) : null}
      <DndContext
        sensors={sensors}
        collisionDetection={collisions}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              "To move a candidate to another stage, press Space to pick the card up, the left and right arrow keys to choose a stage, and Space again to drop it. Press Escape to cancel.",
          },
        }}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
      >
        {board}
        <DragOverlay>
          {dragging ? (
            <ul className="board-overlay" aria-hidden="true">
              <BoardCard card={dragging} stages={stages} className="board-card--overlay" />
            </ul>
          ) : null}
        </DragOverlay>
      </DndContext>
    </>
  );
}

function Column({ column, children }: { column: BoardColumnData; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({
    id: columnKey(column.id),
    data: { stageId: column.id },
  });
  const location = useLocation();
  const more = () => {
    const params = new URLSearchParams(location.search);
    params.set(`show_${column.id}`, String(column.limit + PAGE_SIZE));
    return `?${params}`;
  };
  const hidden = column.count - column.cards.length;
  return (
    <section
      ref={setNodeRef}
      className={`board-column${isOver ? " board-column--over" : ""}`}
      aria-labelledby={`col-${column.id}`}
      data-stage={column.id}
    >
      <h2 id={`col-${column.id}`} className="board-column__title">
        {column.name} <span className="count-pill">{column.count}</span>
      </h2>
      <ol className="board-column__cards">{children}</ol>
      {column.cards.length === 0 ? <p className="board-column__empty">No candidates</p> : null}
      {hidden > 0 ? (
        <p className="board-column__more">
          <Link to={more()} preventScrollReset>
            Show {Math.min(hidden, PAGE_SIZE)} more
            <span className="visually-hidden"> in {column.name}</span>
          </Link>{" "}
          <span className="muted">({hidden} not shown)</span>
        </p>
      ) : null}
    </section>
  );
}

function DraggableCard({
  card,
  stages,
  extra,
  moving,
}: {
  card: BoardCardData;
  stages: StageOption[];
  extra?: ReactNode;
  moving: boolean;
}) {
  const { setNodeRef, setActivatorNodeRef, listeners, attributes } = useDraggable({
    id: `app-${card.id}`,
    data: { card, stageId: card.stageId },
    disabled: card.status !== "active",
  });
  return (
    <BoardCard
      card={card}
      stages={stages}
      extra={extra}
      nodeRef={setNodeRef}
      className={moving ? "board-card--moving" : ""}
      handle={{ listeners, attributes, setActivatorNodeRef }}
    />
  );
}
