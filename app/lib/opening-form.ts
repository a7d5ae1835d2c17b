/**
 * The shapes the opening editor shares between the server (which fills and
 * saves them) and the browser form (which edits them). Types only.
 */

/** A researcher as the hiring-team picker shows them. */
export type TeamPerson = {
  id: number;
  name: string;
  slug: string;
  title: string;
  lab: string;
  hasPhoto: boolean;
};

/** The form's values: strings as the inputs hold them, rows in order. */
export type OpeningFormValues = {
  title: string;
  kind: string;
  labId: string;
  areaIds: string[];
  location: string;
  remotePolicy: string;
  summary: string;
  description: string;
  qualifications: string;
  closesAt: string;
  employmentType: string;
  durationMonths: string;
  payMin: string;
  payMax: string;
  payCurrency: string;
  payPeriod: string;
  programId: string;
  lettersRequired: string;
  team: string[];
  criteria: string;
  questions: Array<{
    id: string;
    label: string;
    type: string;
    required: boolean;
    options: string[];
  }>;
  stages: Array<{ id: string; name: string; kind: string }>;
};
