import type { EventKind, ProgramKind } from "./enums";

/** Display names of event kinds (shared by pages, filters and the admin form). */
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  talk: "Talk",
  seminar: "Seminar",
  workshop: "Workshop",
  conference: "Conference appearance",
};

/** Display names of program kinds. */
export const PROGRAM_KIND_LABELS: Record<ProgramKind, string> = {
  internship: "Internship",
  residency: "Residency",
  fellowship: "Fellowship",
  phd: "PhD programme",
};
