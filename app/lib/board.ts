/** The board's data as the route's loader sends it (plain JSON, no Dates). */
export type BoardCardData = {
  id: number;
  version: number;
  status: "active" | "withdrawn" | "rejected" | "hired";
  stageId: number;
  name: string;
  headline: string;
  daysInStage: number;
  /** Average scorecard rating out of 4, or null before any scorecard. */
  rating: number | null;
  /** Applied since this recruiter last opened the board. */
  isNew: boolean;
  /** Reference letters received / required, when the opening asks for letters. */
  letters?: { received: number; required: number } | null;
};

export type BoardColumnData = {
  id: number;
  name: string;
  /** The hired stage: a card dropped here is hired, after the hire dialog. */
  hired: boolean;
  /** Every card of the stage (active and hired), not only those loaded. */
  count: number;
  limit: number;
  cards: BoardCardData[];
};

/** A stage to move to; `hired` marks the hired stage (a move there is a hire). */
export type StageOption = { id: number; name: string; hired?: boolean };

/** "id:version": how every pipeline form names the application it acts on. */
export function itemOf(card: { id: number; version: number }): string {
  return `${card.id}:${card.version}`;
}

/** Cards per column before "Show more" (the loader's page; kept small so the board's HTML stays small). */
export const PAGE_SIZE = 20;
