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
  /** Every card of the stage (active and hired), not only those loaded. */
  count: number;
  limit: number;
  cards: BoardCardData[];
};

export type StageOption = { id: number; name: string };

/** "id:version": how every pipeline form names the application it acts on. */
export function itemOf(card: { id: number; version: number }): string {
  return `${card.id}:${card.version}`;
}

/** Cards per column before "Show more" (the loader's page; kept small so the board's HTML stays small). */
export const PAGE_SIZE = 20;
