/**
 * Atrium's tables, relations and indexes. Timestamps are integer milliseconds
 * since the epoch everywhere. Full-text search tables (FTS5) are not described
 * here: drizzle-kit cannot express them, so they live in a custom migration
 * (db/migrations/*_fts.sql) with the triggers that keep them in sync.
 */
import { relations, sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import {
  OPENING_KINDS,
  OPENING_STATUSES,
  REMOTE_POLICIES,
  EMPLOYMENT_TYPES,
  PAY_PERIODS,
  ROLES,
  PUBLIC_STATUSES,
  STAGE_KINDS,
  APPLICATION_STATUSES,
  PUBLICATION_TYPES,
  TOOL_KINDS,
  QUESTION_TYPES,
  EVENT_TYPES,
  INTERVIEW_KINDS,
  OFFER_STATUSES,
  PROGRAM_KINDS,
  EVENT_KINDS,
  REFEREE_STATUSES,
} from "../app/lib/enums";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;
const timestamps = {
  createdAt: integer("created_at").notNull().default(now),
  updatedAt: integer("updated_at").notNull().default(now),
};

/**
 * One author as a reference manager holds it: "Jan" "van der" "Berg" "Jr."
 * (given, prefix, family, suffix), or a literal name such as an organisation.
 */
export type PublicationName = {
  given?: string;
  prefix?: string;
  family?: string;
  suffix?: string;
  literal?: string;
};
/**
 * The BibTeX fields a publication came with that have no column of their own
 * (volume, number, publisher, editor, isbn, abstract, …), by lower-case field
 * name: text, or a list of names for name fields (editor, translator, …).
 * Kept so an export gives back what was imported.
 */
export type PublicationExtra = Record<string, string | PublicationName[]>;

/** The bibliographic columns researchers' and candidates' publications share. */
const bibliographic = {
  /** The BibTeX entry type as read ("article", "phdthesis", …); "" when entered by hand. */
  entryType: text("entry_type").notNull().default(""),
  /** 1–12, or null. */
  month: integer("month"),
  /** As printed, with an en dash for a range ("12–34"). */
  pages: text("pages"),
  /** An e-print identifier ("2101.00001") and its archive, lower case ("arxiv"). */
  eprint: text("eprint"),
  eprintType: text("eprint_type"),
  /** Every author with name parts; null when only the printed `authors` are known. */
  authorList: text("author_list", { mode: "json" }).$type<PublicationName[]>(),
  /** The list ends in "and others": shown as "et al.", never as a person. */
  moreAuthors: integer("more_authors", { mode: "boolean" }).notNull().default(false),
  extra: text("extra", { mode: "json" }).$type<PublicationExtra>().notNull().default({}),
};

// ───────────────────────────── directory ─────────────────────────────

export const researchAreas = sqliteTable("research_areas", {
  id: integer("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  summary: text("summary").notNull(),
  description: text("description").notNull(),
  position: integer("position").notNull().default(0),
  ...timestamps,
});

export const labs = sqliteTable("labs", {
  id: integer("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  city: text("city").notNull(),
  country: text("country").notNull(),
  description: text("description").notNull(),
  /** Street address, shown on the lab page and used for directions (may be ""). */
  address: text("address").notNull().default(""),
  /** WGS 84 degrees; null until an admin places the lab on the map. */
  latitude: real("latitude"),
  longitude: real("longitude"),
  /** IANA time zone name (Europe/Zurich). */
  timeZone: text("time_zone").notNull().default("UTC"),
  ...timestamps,
});

export const researchers = sqliteTable(
  "researchers",
  {
    id: integer("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    /** Lower-cased name used for stable alphabetical ordering. */
    sortName: text("sort_name").notNull(),
    title: text("title").notNull(),
    labId: integer("lab_id")
      .notNull()
      .references(() => labs.id),
    bio: text("bio").notNull().default(""),
    photoFileId: integer("photo_file_id"),
    homepageUrl: text("homepage_url"),
    orcid: text("orcid"),
    scholarUrl: text("scholar_url"),
    githubUrl: text("github_url"),
    status: text("status", { enum: ["current", "alumni"] })
      .notNull()
      .default("current"),
    featured: integer("featured", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index("researchers_lab_status_sort_idx").on(t.labId, t.status, t.sortName),
    index("researchers_status_sort_idx").on(t.status, t.sortName),
    index("researchers_featured_idx").on(t.featured, t.status),
    // Narrow copy of what the people search filters and breaks ties on: a
    // search checks each full-text match here instead of reading its wide
    // row (bio…), and reads whole rows only for the page it shows.
    index("researchers_search_idx").on(t.id, t.status, t.labId, t.sortName),
  ],
);

/**
 * How many current researchers there are per lab and area, 0 meaning "any"
 * ((0, 0) is everyone current): the people list's total without counting
 * 100k index entries. Kept by triggers on researchers and researcher_areas
 * (db/migrations, "current_researcher_counts"); the seed writes through them.
 */
export const currentResearcherCounts = sqliteTable(
  "current_researcher_counts",
  {
    labId: integer("lab_id").notNull(),
    areaId: integer("area_id").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.labId, t.areaId] })],
);

export const researcherAreas = sqliteTable(
  "researcher_areas",
  {
    researcherId: integer("researcher_id")
      .notNull()
      .references(() => researchers.id, { onDelete: "cascade" }),
    areaId: integer("area_id")
      .notNull()
      .references(() => researchAreas.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.researcherId, t.areaId] }),
    index("researcher_areas_area_idx").on(t.areaId, t.researcherId),
  ],
);

export const publications = sqliteTable(
  "publications",
  {
    id: integer("id").primaryKey(),
    researcherId: integer("researcher_id")
      .notNull()
      .references(() => researchers.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    venue: text("venue").notNull(),
    year: integer("year").notNull(),
    url: text("url"),
    /** BibTeX entry type (see PUBLICATION_TYPES). */
    type: text("type", { enum: PUBLICATION_TYPES }).notNull().default("inproceedings"),
    /** Every author as printed, "; "-separated ("Ada Lovelace; Alan Turing"); "" when only Atrium authors are known. */
    authors: text("authors").notNull().default(""),
    doi: text("doi"),
    // No ON DELETE here: SQLite's ADD COLUMN keeps drizzle-kit from emitting it, and areas are never deleted.
    areaId: integer("area_id").references(() => researchAreas.id),
    ...bibliographic,
    /**
     * The citation key the publication was imported with, kept when no other
     * publication has it; exports use it, or make one from the first author,
     * year and id (see publication-export.server.ts).
     */
    citationKey: text("citation_key"),
  },
  (t) => [
    index("publications_researcher_year_idx").on(t.researcherId, t.year),
    uniqueIndex("publications_citation_key_idx").on(t.citationKey),
    // The index's own order is /publications' order (newest year, then title):
    // a page is read from it and stops when full, whatever the number of publications.
    index("publications_year_title_idx").on(
      sql`${t.year} DESC`,
      sql`${t.title} COLLATE NOCASE`,
      t.id,
    ),
    // The same for one area's publications.
    index("publications_area_year_title_idx").on(
      t.areaId,
      sql`${t.year} DESC`,
      sql`${t.title} COLLATE NOCASE`,
      t.id,
    ),
  ],
);

/**
 * How many publications there are per area, year and type, 0 or '' meaning
 * "any" ((0, 0, '') is every publication; one without an area counts under
 * area 0 only): /publications' total for any mix of those three filters
 * without counting every match. Kept by triggers on publications
 * (db/migrations, "publication_counts"); rows whose n fell to 0 stay, a
 * missing row is 0.
 */
export const publicationCounts = sqliteTable(
  "publication_counts",
  {
    areaId: integer("area_id").notNull(),
    year: integer("year").notNull(),
    type: text("type").notNull().default(""),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.year, t.type] })],
);

// ───────────────────────────── openings ─────────────────────────────

export const openings = sqliteTable(
  "openings",
  {
    id: integer("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    kind: text("kind", { enum: OPENING_KINDS }).notNull(),
    labId: integer("lab_id")
      .notNull()
      .references(() => labs.id),
    location: text("location").notNull(),
    remotePolicy: text("remote_policy", { enum: REMOTE_POLICIES }).notNull().default("onsite"),
    summary: text("summary").notNull().default(""),
    description: text("description").notNull().default(""),
    qualifications: text("qualifications").notNull().default(""),
    /** JSON array of criterion names reviewers rate 1–4 on a scorecard. */
    scorecardCriteria: text("scorecard_criteria", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    closesAt: integer("closes_at"),
    status: text("status", { enum: OPENING_STATUSES }).notNull().default("draft"),
    publishedAt: integer("published_at"),
    closedAt: integer("closed_at"),
    /** The program (internship, residency…) this role belongs to, if any. */
    programId: integer("program_id").references((): AnySQLiteColumn => programs.id, {
      onDelete: "set null",
    }),
    // What candidates ask first (all optional per opening; shown and in JobPosting when set).
    employmentType: text("employment_type", { enum: EMPLOYMENT_TYPES }),
    /** Length of a fixed-term role in months; null for permanent or unstated. */
    durationMonths: integer("duration_months"),
    /** Pay range or stipend in whole units of payCurrency per payPeriod. */
    payMin: integer("pay_min"),
    payMax: integer("pay_max"),
    /** ISO 4217 code, e.g. CHF. */
    payCurrency: text("pay_currency"),
    payPeriod: text("pay_period", { enum: PAY_PERIODS }),
    /** How many reference letters an application to this opening needs (0: none). */
    lettersRequired: integer("letters_required").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index("openings_program_idx").on(t.programId, t.status),
    index("openings_status_published_idx").on(t.status, t.publishedAt),
    // Counts the open roles still accepting applications (/careers) from the
    // index alone; without it the count reads every open opening's row.
    index("openings_status_closes_idx").on(t.status, t.closesAt),
    index("openings_lab_status_idx").on(t.labId, t.status, t.publishedAt),
    index("openings_kind_status_idx").on(t.kind, t.status, t.publishedAt),
    // Narrow copy of what the careers search filters and orders on, so each
    // full-text match is checked without reading its wide row (description…).
    index("openings_search_idx").on(t.id, t.status, t.kind, t.labId, t.closesAt, t.publishedAt),
    // The recruiter filters' list of every opening by title, read in order (no sort).
    index("openings_title_idx").on(t.title),
  ],
);

/**
 * How many openings are open per kind, lab and area, '' and 0 meaning "any"
 * (('', 0, 0) is every open opening): the careers list's total without counting
 * every open opening. Roles past their closing date are still counted here; the
 * list subtracts those few (openings_status_closes_idx). Kept by triggers on
 * openings and opening_areas (db/migrations, "open_opening_counts").
 */
export const openOpeningCounts = sqliteTable(
  "open_opening_counts",
  {
    kind: text("kind").notNull(),
    labId: integer("lab_id").notNull(),
    areaId: integer("area_id").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.labId, t.areaId] })],
);

export const openingAreas = sqliteTable(
  "opening_areas",
  {
    openingId: integer("opening_id")
      .notNull()
      .references(() => openings.id, { onDelete: "cascade" }),
    areaId: integer("area_id")
      .notNull()
      .references(() => researchAreas.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.openingId, t.areaId] }),
    index("opening_areas_area_idx").on(t.areaId, t.openingId),
  ],
);

export const openingTeam = sqliteTable(
  "opening_team",
  {
    openingId: integer("opening_id")
      .notNull()
      .references(() => openings.id, { onDelete: "cascade" }),
    researcherId: integer("researcher_id")
      .notNull()
      .references(() => researchers.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.openingId, t.researcherId] }),
    index("opening_team_researcher_idx").on(t.researcherId, t.openingId),
  ],
);

export const screeningQuestions = sqliteTable(
  "screening_questions",
  {
    id: integer("id").primaryKey(),
    openingId: integer("opening_id")
      .notNull()
      .references(() => openings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    label: text("label").notNull(),
    type: text("type", { enum: QUESTION_TYPES }).notNull(),
    required: integer("required", { mode: "boolean" }).notNull().default(false),
    /** Choices for single_choice questions. */
    options: text("options", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
  },
  (t) => [index("screening_questions_opening_idx").on(t.openingId, t.position)],
);

export const stages = sqliteTable(
  "stages",
  {
    id: integer("id").primaryKey(),
    openingId: integer("opening_id")
      .notNull()
      .references(() => openings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: STAGE_KINDS }).notNull().default("custom"),
    /** Follows from the kinds of the pipeline (publicStatusesOf); stored for the candidate's pages. */
    publicStatus: text("public_status", { enum: PUBLIC_STATUSES }).notNull(),
  },
  (t) => [
    index("stages_opening_idx").on(t.openingId, t.position),
    // The recruiter filters' distinct stage names, read in order (no sort).
    index("stages_name_idx").on(t.name),
    // Exactly one hired stage per pipeline: the database refuses a second one
    // (that it is last is the editor's and the model's rule).
    uniqueIndex("stages_one_hired_idx")
      .on(t.openingId)
      .where(sql`kind = 'hired'`),
  ],
);

// ───────────────────────────── accounts ─────────────────────────────

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey(),
    /** Stored lower-cased and NFC-normalised; unique. */
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull().default("candidate"),
    /**
     * When an admin deactivated the account (staff who left): it can no longer
     * sign in and its sessions no longer count, but the account, its audit
     * trail and its authorship stay. Null for active accounts.
     */
    deactivatedAt: integer("deactivated_at"),
    ...timestamps,
  },
  // Admin lists of users sort and page by sign-up time.
  (t) => [index("users_created_idx").on(t.createdAt)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** Hex SHA-256 of the session token; the token itself is never stored. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    /** Absolute end of the session, fixed at sign-in. */
    expiresAt: integer("expires_at").notNull(),
    /** Last time activity renewed the inactivity window. */
    lastActiveAt: integer("last_active_at").notNull(),
    userAgent: text("user_agent"),
    ip: text("ip"),
    /** When this session proved the second factor (null: password only). Staff pages need it. */
    twoFactorAt: integer("two_factor_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * A user's TOTP authenticator (RFC 6238, 30-second steps, 6 digits). The row
 * exists from the start of enrolment; `enabledAt` is set once a first code
 * proves the authenticator app holds the secret.
 */
export const totpCredentials = sqliteTable("totp_credentials", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** The shared secret (20 random bytes, base32). Never logged; shown only during enrolment. */
  secret: text("secret").notNull(),
  enabledAt: integer("enabled_at"),
  /** The last time step a code was accepted for: a code (or an older one) cannot be used again. */
  lastUsedStep: integer("last_used_step"),
  createdAt: integer("created_at").notNull().default(now),
});

/** Single-use recovery codes for a user's second factor; only their SHA-256 is stored. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/**
 * A sign-in waiting for its second factor: the password was right, the code
 * is still to come. The token lives in a short cookie; only its SHA-256 is here.
 */
export const twoFactorChallenges = sqliteTable(
  "two_factor_challenges",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("two_factor_challenges_user_idx").on(t.userId)],
);

export const passwordResetTokens = sqliteTable(
  "password_reset_tokens",
  {
    /** Hex SHA-256 of the token mailed to the user. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("password_reset_tokens_user_idx").on(t.userId)],
);

/**
 * An admin-issued link that enrols a staff member's authenticator (and sets
 * their password): single use, expiring, only its SHA-256 stored. Staff never
 * enrol on their own, so a stolen password alone cannot bind an authenticator.
 */
export const staffEnrolments = sqliteTable(
  "staff_enrolments",
  {
    /** Hex SHA-256 of the token in the link. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The admin who issued it; null when `npm run create-admin` did. Kept if that admin leaves. */
    createdByUserId: integer("created_by_user_id"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    /**
     * The authenticator secret shown on the link's page until a code confirms
     * it, sealed (app/utils/secrets.server.ts); null until the page is opened.
     */
    pendingSecret: text("pending_secret"),
  },
  (t) => [index("staff_enrolments_user_idx").on(t.userId)],
);

/**
 * Every throttle in one table (app/auth/throttle.server.ts): sign-in failure
 * counters keyed "account:<email>", "ip:<address>" or "device:<nonce>" (count,
 * last failure, blocked until), and fixed-window request limits keyed
 * "<limit>:<subject>" (count since window start).
 */
export const throttles = sqliteTable("throttles", {
  key: text("key").primaryKey(),
  count: integer("count").notNull().default(0),
  windowStart: integer("window_start").notNull(),
  lastAt: integer("last_at").notNull(),
  blockedUntil: integer("blocked_until").notNull().default(0),
});

/** Server-side keys generated on first use (the device-cookie signing key), so no deployment has to configure one. */
export const authKeys = sqliteTable("auth_keys", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: integer("created_at").notNull(),
});

/**
 * The security audit log (app/auth/audit.server.ts): append-only, each row
 * hash-chained to the one before, so `npm run audit:verify` finds a row
 * edited or deleted.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey(),
    at: integer("at").notNull().default(now),
    // Plain ids, no foreign keys: a deleted user's rows keep their id (a
    // cascade would edit them and break the chain).
    actorUserId: integer("actor_user_id"),
    action: text("action").notNull(),
    subjectUserId: integer("subject_user_id"),
    /**
     * Small JSON facts: ids, counts, roles, names of directory content; never
     * passwords, tokens, emails or people's names (those go to audit_context).
     */
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    /** The previous row's `hash` ("" for the first row): the link of the chain. */
    prevHash: text("prev_hash"),
    /** SHA-256 of this row's fields and `prevHash` (app/utils/audit-chain.server.ts). */
    hash: text("hash"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_action_at_idx").on(t.action, t.at),
    // /admin/audit filters by who acted and on whom, newest first.
    index("audit_log_actor_at_idx").on(t.actorUserId, t.at),
    index("audit_log_subject_at_idx").on(t.subjectUserId, t.at),
  ],
);

/**
 * What an audit row knows about a person beyond ids — the address a request
 * came from, the email typed at a failed sign-in — kept apart from the
 * hash-chained audit_log so retention and account deletion can remove it
 * without editing (and breaking) the chain.
 */
export const auditContext = sqliteTable(
  "audit_context",
  {
    auditId: integer("audit_id").primaryKey(),
    at: integer("at").notNull(),
    ip: text("ip"),
    email: text("email"),
  },
  (t) => [index("audit_context_at_idx").on(t.at), index("audit_context_email_idx").on(t.email)],
);

export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    sentAt: integer("sent_at"),
    error: text("error"),
    /** An iCalendar object (.ics text) sent as a text/calendar part and attachment. */
    calendar: text("calendar"),
    /** The message kind (app/emails/registry.ts) it was rendered from; null on older rows. */
    kind: text("kind"),
    /** The language of the template it was rendered from; null on older rows. */
    locale: text("locale"),
    /** The HTML part, as rendered when queued (sent beside `text`); null on older rows. */
    html: text("html"),
    /**
     * When a delivery pass took the message to send it: another process's pass
     * skips it (each worker delivers; a message goes out once). A claim older
     * than CLAIM_MS (its process died mid-send) can be taken again.
     */
    claimedAt: integer("claimed_at"),
  },
  (t) => [index("outbox_created_idx").on(t.createdAt), index("outbox_to_idx").on(t.to)],
);

/**
 * The editable subject and Markdown body of each message kind, per language
 * (app/emails/templates.server.ts). Seeded with the shipped English texts; a
 * kind or language without a row uses the text in the code.
 */
export const emailTemplates = sqliteTable(
  "email_templates",
  {
    kind: text("kind").notNull(),
    locale: text("locale").notNull(),
    subject: text("subject").notNull(),
    bodyMarkdown: text("body_markdown").notNull(),
    updatedAt: integer("updated_at").notNull().default(now),
    /** Who last edited it; null for the shipped text. */
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.kind, t.locale] })],
);

// ───────────────────────────── candidates & applications ─────────────────────────────

export const files = sqliteTable(
  "files",
  {
    id: integer("id").primaryKey(),
    ownerUserId: integer("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: ["resume", "photo", "letter", "offer", "logo"] }).notNull(),
    /** Server-generated file name under UPLOADS_DIR; never derived from user input. */
    storageName: text("storage_name").notNull().unique(),
    /** The uploader's file name, kept only as display text. */
    originalName: text("original_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("files_owner_idx").on(t.ownerUserId)],
);

export const candidateProfiles = sqliteTable("candidate_profiles", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  headline: text("headline").notNull().default(""),
  location: text("location").notNull().default(""),
  homepageUrl: text("homepage_url"),
  orcid: text("orcid"),
  scholarUrl: text("scholar_url"),
  githubUrl: text("github_url"),
  linkedinUrl: text("linkedin_url"),
  resumeFileId: integer("resume_file_id").references(() => files.id, { onDelete: "set null" }),
  ...timestamps,
});

export const applications = sqliteTable(
  "applications",
  {
    id: integer("id").primaryKey(),
    openingId: integer("opening_id")
      .notNull()
      .references(() => openings.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    stageId: integer("stage_id")
      .notNull()
      .references(() => stages.id),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull().default("active"),
    resumeFileId: integer("resume_file_id").references(() => files.id, { onDelete: "set null" }),
    coverLetter: text("cover_letter").notNull().default(""),
    source: text("source").notNull().default(""),
    consentAt: integer("consent_at").notNull(),
    /** Optimistic-concurrency counter, bumped by every staff change. */
    version: integer("version").notNull().default(1),
    stageEnteredAt: integer("stage_entered_at").notNull(),
    /** Last time anything the candidate can see changed. */
    publicChangedAt: integer("public_changed_at").notNull(),
    ...timestamps,
  },
  (t) => [
    index("applications_opening_stage_idx").on(t.openingId, t.stageId, t.status),
    index("applications_candidate_idx").on(t.candidateId, t.updatedAt),
    index("applications_stage_entered_idx").on(t.stageId, t.stageEnteredAt),
    index("applications_status_created_idx").on(t.status, t.createdAt),
    index("applications_created_idx").on(t.createdAt),
    index("applications_resume_file_idx").on(t.resumeFileId),
    uniqueIndex("applications_one_active_idx")
      .on(t.openingId, t.candidateId)
      .where(sql`status = 'active'`),
  ],
);

export const applicationAnswers = sqliteTable(
  "application_answers",
  {
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    questionId: integer("question_id")
      .notNull()
      .references(() => screeningQuestions.id, { onDelete: "cascade" }),
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.questionId] })],
);

export const applicationEvents = sqliteTable(
  "application_events",
  {
    id: integer("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    type: text("type", { enum: EVENT_TYPES }).notNull(),
    fromStageId: integer("from_stage_id").references(() => stages.id, { onDelete: "set null" }),
    toStageId: integer("to_stage_id").references(() => stages.id, { onDelete: "set null" }),
    /** Whether the candidate sees this event on their timeline. */
    candidateVisible: integer("candidate_visible", { mode: "boolean" }).notNull(),
    /** Public status after the event, for candidate-visible events. */
    publicStatus: text("public_status", { enum: PUBLIC_STATUSES }),
    /** Text the candidate may read (e.g. a rejection message). */
    publicMessage: text("public_message"),
    /** Staff-only detail (reason codes, internal stage names). */
    internalDetail: text("internal_detail"),
  },
  (t) => [
    index("application_events_application_idx").on(t.applicationId, t.at),
    index("application_events_type_at_idx").on(t.type, t.at),
  ],
);

export const notes = sqliteTable(
  "notes",
  {
    id: integer("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("notes_application_idx").on(t.applicationId, t.createdAt)],
);

export const scorecards = sqliteTable(
  "scorecards",
  {
    id: integer("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    reviewerUserId: integer("reviewer_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** criterion name → rating 1..4 */
    ratings: text("ratings", { mode: "json" }).$type<Record<string, number>>().notNull(),
    recommendation: text("recommendation", {
      enum: ["strong_no", "no", "yes", "strong_yes"],
    }).notNull(),
    comment: text("comment").notNull().default(""),
    /** The interview this scorecard reports on, when the reviewer attached it to one. */
    interviewId: integer("interview_id").references((): AnySQLiteColumn => interviews.id, {
      onDelete: "set null",
    }),
    ...timestamps,
  },
  (t) => [uniqueIndex("scorecards_application_reviewer_idx").on(t.applicationId, t.reviewerUserId)],
);

/** When a recruiter last opened an opening's board, for "new since last visit" flags. */
export const boardVisits = sqliteTable(
  "board_visits",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    openingId: integer("opening_id")
      .notNull()
      .references(() => openings.id, { onDelete: "cascade" }),
    lastVisitedAt: integer("last_visited_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.openingId] })],
);

// --- interviews & offers ---

/**
 * An interview of one application. Times are UTC milliseconds; `timeZone` is
 * the IANA zone the organiser scheduled in (the invitation's TZID). `uid` and
 * `sequence` are the iCalendar identity: the UID never changes, the sequence
 * goes up with each reschedule or cancellation so calendars replace the event.
 */
export const interviews = sqliteTable(
  "interviews",
  {
    id: integer("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: INTERVIEW_KINDS }).notNull(),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    timeZone: text("time_zone").notNull(),
    /** A lab room ("room") or a video link ("video"). */
    placeKind: text("place_kind", { enum: ["room", "video"] }).notNull(),
    place: text("place").notNull(),
    noteForCandidate: text("note_for_candidate").notNull().default(""),
    uid: text("uid").notNull().unique(),
    sequence: integer("sequence").notNull().default(0),
    status: text("status", { enum: ["scheduled", "cancelled"] })
      .notNull()
      .default("scheduled"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    index("interviews_application_idx").on(t.applicationId, t.startsAt),
    index("interviews_status_starts_idx").on(t.status, t.startsAt),
  ],
);

/** Who interviews: a staff account or a member of the opening's hiring team (a researcher). */
export const interviewInterviewers = sqliteTable(
  "interview_interviewers",
  {
    id: integer("id").primaryKey(),
    interviewId: integer("interview_id")
      .notNull()
      .references(() => interviews.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    researcherId: integer("researcher_id").references(() => researchers.id, {
      onDelete: "cascade",
    }),
  },
  (t) => [
    index("interview_interviewers_interview_idx").on(t.interviewId),
    index("interview_interviewers_user_idx").on(t.userId),
  ],
);

/**
 * An offer for one application: drafted by staff, approved by a second
 * person (an admin), sent to the candidate, answered before `expiresAt`.
 * Only the candidate and staff ever read it.
 */
export const offers = sqliteTable(
  "offers",
  {
    id: integer("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** ISO date (YYYY-MM-DD) the position starts. */
    startDate: text("start_date").notNull(),
    payKind: text("pay_kind", { enum: ["salary", "stipend"] }).notNull(),
    /** Whole currency units per `payPeriod`. */
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    payPeriod: text("pay_period", { enum: ["year", "month"] }).notNull(),
    /** Months the position lasts; null for open-ended. */
    durationMonths: integer("duration_months"),
    /** The letter, in Markdown (rendered through app/utils/markdown.server.ts). */
    letter: text("letter").notNull(),
    /**
     * The optional PDF sent with the letter (`files`, kind "offer", no owner: the
     * employer's document). Read by staff, and by the candidate once it is sent.
     */
    // No ON DELETE action: drizzle-kit's ADD COLUMN drops it, so whoever deletes the file row
    // clears this first (retention does).
    pdfFileId: integer("pdf_file_id").references(() => files.id),
    status: text("status", { enum: OFFER_STATUSES }).notNull().default("draft"),
    expiresAt: integer("expires_at").notNull(),
    draftedBy: integer("drafted_by").references(() => users.id, { onDelete: "set null" }),
    approvedBy: integer("approved_by").references(() => users.id, { onDelete: "set null" }),
    approvedAt: integer("approved_at"),
    sentAt: integer("sent_at"),
    respondedAt: integer("responded_at"),
    declineReason: text("decline_reason"),
    /**
     * An approver sent the draft back to its drafter: who, when and why
     * (staff-only). A plain id, not a reference: SQLite's ADD COLUMN cannot
     * carry ON DELETE, and the record outlives the approver's account.
     */
    returnedBy: integer("returned_by"),
    returnedAt: integer("returned_at"),
    returnReason: text("return_reason"),
    ...timestamps,
  },
  (t) => [
    index("offers_application_idx").on(t.applicationId),
    index("offers_status_expires_idx").on(t.status, t.expiresAt),
  ],
);

// ───────────────────────────── relations ─────────────────────────────

export const labsRelations = relations(labs, ({ many }) => ({
  researchers: many(researchers),
  openings: many(openings),
}));

export const researchersRelations = relations(researchers, ({ one, many }) => ({
  lab: one(labs, { fields: [researchers.labId], references: [labs.id] }),
  areas: many(researcherAreas),
  publications: many(publications),
}));

export const researcherAreasRelations = relations(researcherAreas, ({ one }) => ({
  researcher: one(researchers, {
    fields: [researcherAreas.researcherId],
    references: [researchers.id],
  }),
  area: one(researchAreas, { fields: [researcherAreas.areaId], references: [researchAreas.id] }),
}));

export const publicationsRelations = relations(publications, ({ one }) => ({
  researcher: one(researchers, {
    fields: [publications.researcherId],
    references: [researchers.id],
  }),
}));

export const openingsRelations = relations(openings, ({ one, many }) => ({
  lab: one(labs, { fields: [openings.labId], references: [labs.id] }),
  areas: many(openingAreas),
  team: many(openingTeam),
  questions: many(screeningQuestions),
  stages: many(stages),
}));

export const openingAreasRelations = relations(openingAreas, ({ one }) => ({
  opening: one(openings, { fields: [openingAreas.openingId], references: [openings.id] }),
  area: one(researchAreas, { fields: [openingAreas.areaId], references: [researchAreas.id] }),
}));

export const openingTeamRelations = relations(openingTeam, ({ one }) => ({
  opening: one(openings, { fields: [openingTeam.openingId], references: [openings.id] }),
  researcher: one(researchers, {
    fields: [openingTeam.researcherId],
    references: [researchers.id],
  }),
}));

export const screeningQuestionsRelations = relations(screeningQuestions, ({ one }) => ({
  opening: one(openings, { fields: [screeningQuestions.openingId], references: [openings.id] }),
}));

export const stagesRelations = relations(stages, ({ one }) => ({
  opening: one(openings, { fields: [stages.openingId], references: [openings.id] }),
}));

export const researchAreasRelations = relations(researchAreas, ({ many }) => ({
  researchers: many(researcherAreas),
  openings: many(openingAreas),
}));

// ───────────────────────────── public page cache ─────────────────────────────

/**
 * One row (id = 1) whose `version` grows with every write to a table that a
 * public page shows. Triggers bump it in the writer's own transaction
 * (db/migrations/*_content_version_triggers.sql), so the anonymous page
 * cache (app/utils/page-cache.server.ts) in any process on this file sees a
 * change the moment it commits. See docs/decisions/0008-public-page-cache.md.
 */
export const contentVersion = sqliteTable("content_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull().default(0),
});

// --- programs and events ---

/**
 * An academic program (internship, residency, fellowship, PhD programme). Its
 * timeline repeats every year, so the dates are month-days ("MM-DD"): the
 * application window opens and closes, decisions follow, participants start.
 */
export const programs = sqliteTable("programs", {
  id: integer("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  kind: text("kind", { enum: PROGRAM_KINDS }).notNull(),
  summary: text("summary").notNull(),
  /** Who the program is for (Markdown). */
  audience: text("audience").notNull().default(""),
  duration: text("duration").notNull(),
  stipend: text("stipend").notNull(),
  /** Eligibility (Markdown). */
  eligibility: text("eligibility").notNull().default(""),
  description: text("description").notNull().default(""),
  /** FAQ: blocks separated by a blank line; each block's first line is the question. */
  faq: text("faq").notNull().default(""),
  opensOn: text("opens_on").notNull(),
  closesOn: text("closes_on").notNull(),
  decisionsOn: text("decisions_on").notNull(),
  startsOn: text("starts_on").notNull(),
  position: integer("position").notNull().default(0),
  ...timestamps,
});

/** Researchers who took part in a program (its alumni), with the year they started. */
export const programAlumni = sqliteTable(
  "program_alumni",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    researcherId: integer("researcher_id")
      .notNull()
      .references(() => researchers.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.researcherId] }),
    index("program_alumni_researcher_idx").on(t.researcherId),
  ],
);

/**
 * A talk, seminar, workshop or conference appearance. Start and end are UTC
 * milliseconds; `timeZone` (IANA) is where it happens, for display and for
 * the calendar file. The place is a lab, another venue, or online (a link), or
 * a venue with a stream.
 */
export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    kind: text("kind", { enum: EVENT_KINDS }).notNull(),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    timeZone: text("time_zone").notNull(),
    labId: integer("lab_id").references(() => labs.id, { onDelete: "set null" }),
    venueName: text("venue_name"),
    venueAddress: text("venue_address"),
    onlineUrl: text("online_url"),
    /** Markdown, rendered by app/utils/markdown.server.ts. */
    abstract: text("abstract").notNull().default(""),
    recordingUrl: text("recording_url"),
    slidesUrl: text("slides_url"),
    ...timestamps,
  },
  (t) => [
    index("events_starts_idx").on(t.startsAt),
    index("events_lab_starts_idx").on(t.labId, t.startsAt),
  ],
);

export const eventAreas = sqliteTable(
  "event_areas",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    areaId: integer("area_id")
      .notNull()
      .references(() => researchAreas.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.areaId] }),
    index("event_areas_area_idx").on(t.areaId, t.eventId),
  ],
);

/** A speaker: one of our researchers, or an external speaker by name and affiliation. */
export const eventSpeakers = sqliteTable(
  "event_speakers",
  {
    id: integer("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    researcherId: integer("researcher_id").references(() => researchers.id, {
      onDelete: "cascade",
    }),
    name: text("name"),
    affiliation: text("affiliation"),
  },
  (t) => [
    index("event_speakers_event_idx").on(t.eventId, t.position),
    index("event_speakers_researcher_idx").on(t.researcherId),
  ],
);

// --- research outputs (publications index, tools, datasets and models) ---

/**
 * The Atrium researchers who wrote a publication. `publications.researcher_id`
 * (the profile it was entered on) is copied here by a trigger (see the
 * publications FTS migration); co-authors from other profiles are added here.
 */
export const publicationAuthors = sqliteTable(
  "publication_authors",
  {
    publicationId: integer("publication_id")
      .notNull()
      .references(() => publications.id, { onDelete: "cascade" }),
    researcherId: integer("researcher_id")
      .notNull()
      .references(() => researchers.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.publicationId, t.researcherId] }),
    index("publication_authors_researcher_idx").on(t.researcherId, t.publicationId),
  ],
);

/** Datasets, models, libraries, APIs and services the researchers share. */
export const tools = sqliteTable(
  "tools",
  {
    id: integer("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    kind: text("kind", { enum: TOOL_KINDS }).notNull(),
    summary: text("summary").notNull(),
    /** Markdown. */
    description: text("description").notNull().default(""),
    repositoryUrl: text("repository_url"),
    documentationUrl: text("documentation_url"),
    /** An SPDX licence id from app/utils/spdx.ts. */
    license: text("license").notNull(),
    labId: integer("lab_id").references(() => labs.id, { onDelete: "set null" }),
    featured: integer("featured", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index("tools_kind_name_idx").on(t.kind, t.name),
    index("tools_lab_idx").on(t.labId),
    index("tools_featured_idx").on(t.featured, t.name),
  ],
);

export const toolAreas = sqliteTable(
  "tool_areas",
  {
    toolId: integer("tool_id")
      .notNull()
      .references(() => tools.id, { onDelete: "cascade" }),
    areaId: integer("area_id")
      .notNull()
      .references(() => researchAreas.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.toolId, t.areaId] }),
    index("tool_areas_area_idx").on(t.areaId, t.toolId),
  ],
);

export const toolMaintainers = sqliteTable(
  "tool_maintainers",
  {
    toolId: integer("tool_id")
      .notNull()
      .references(() => tools.id, { onDelete: "cascade" }),
    researcherId: integer("researcher_id")
      .notNull()
      .references(() => researchers.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.toolId, t.researcherId] }),
    index("tool_maintainers_researcher_idx").on(t.researcherId, t.toolId),
  ],
);

export const toolPublications = sqliteTable(
  "tool_publications",
  {
    toolId: integer("tool_id")
      .notNull()
      .references(() => tools.id, { onDelete: "cascade" }),
    publicationId: integer("publication_id")
      .notNull()
      .references(() => publications.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.toolId, t.publicationId] }),
    index("tool_publications_publication_idx").on(t.publicationId, t.toolId),
  ],
);

// --- reference letters and publication import ---

/**
 * Someone a candidate named to write a reference letter for one application.
 * The referee has no account: they get a single-use, expiring link whose
 * token is stored only as its SHA-256 (a reminder replaces it). A referee who
 * never answered can be replaced (status "replaced", link dead, row kept for
 * the staff timeline).
 */
export const referees = sqliteTable(
  "referees",
  {
    id: integer("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Stored lower-cased and NFC-normalised. */
    email: text("email").notNull(),
    relationship: text("relationship").notNull(),
    status: text("status", { enum: REFEREE_STATUSES }).notNull().default("requested"),
    /** Hex SHA-256 of the token in the latest email; null once used or revoked. */
    tokenHash: text("token_hash").unique(),
    tokenExpiresAt: integer("token_expires_at"),
    requestedAt: integer("requested_at").notNull(),
    lastReminderAt: integer("last_reminder_at"),
    receivedAt: integer("received_at"),
    replacedAt: integer("replaced_at"),
  },
  (t) => [index("referees_application_idx").on(t.applicationId, t.status)],
);

/** A letter a referee uploaded (a PDF in `files`, kind "letter", no owner). Staff only. */
export const referenceLetters = sqliteTable(
  "reference_letters",
  {
    id: integer("id").primaryKey(),
    refereeId: integer("referee_id")
      .notNull()
      .unique()
      .references(() => referees.id, { onDelete: "cascade" }),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    fileId: integer("file_id")
      .notNull()
      .references(() => files.id),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("reference_letters_application_idx").on(t.applicationId)],
);

/**
 * A candidate's own publication list (researchers' lists are `publications`).
 * Imported from BibTeX or ORCID; `normTitle` + `year` and `doi` are the keys
 * duplicates are merged on.
 */
export const candidatePublications = sqliteTable(
  "candidate_publications",
  {
    id: integer("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    authors: text("authors").notNull().default(""),
    venue: text("venue").notNull().default(""),
    year: integer("year"),
    /** Lower-cased bare DOI, when known. */
    doi: text("doi"),
    url: text("url"),
    /** Title folded for duplicate detection (no accents, case, punctuation). */
    normTitle: text("norm_title").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    ...bibliographic,
    /** The citation key in the candidate's own file. */
    citationKey: text("citation_key"),
  },
  (t) => [
    index("candidate_publications_user_idx").on(t.userId, t.year),
    index("candidate_publications_doi_idx").on(t.userId, t.doi),
  ],
);

// ───────────────────────────── organisation ─────────────────────────────

/**
 * The organisation's own settings, one row (id 1), edited by admins at
 * /admin/settings (app/models/settings.server.ts): its name, look, the home
 * and about pages' words, contacts and privacy contacts. Public pages read
 * it, so it has content-version triggers like every public table. Texts an
 * admin left blank are "" (the pages leave those blocks out).
 */
export const organisationSettings = sqliteTable(
  "organisation_settings",
  {
    id: integer("id").primaryKey(),
    name: text("name").notNull(),
    /** A shorter form of the name for tight places (the header on phones); "" means the name. */
    shortName: text("short_name").notNull().default(""),
    /** "#rrggbb", lower case; checked for contrast before it is stored. */
    brandColour: text("brand_colour").notNull(),
    accentColour: text("accent_colour").notNull(),
    /** The logo as uploaded and sanitised (SVG or PNG), shown on pages. */
    logoFileId: integer("logo_file_id").references(() => files.id, { onDelete: "set null" }),
    /** The logo rasterised to PNG (emails, feeds). */
    logoPngFileId: integer("logo_png_file_id").references(() => files.id, {
      onDelete: "set null",
    }),
    /** A 1200×630 PNG card with the logo, for og:image. */
    logoCardFileId: integer("logo_card_file_id").references(() => files.id, {
      onDelete: "set null",
    }),
    /** The PNG rendition's size in pixels (its aspect ratio sizes the logo on pages). */
    logoWidth: integer("logo_width"),
    logoHeight: integer("logo_height"),
    homeHeading: text("home_heading").notNull().default(""),
    homeIntro: text("home_intro").notNull().default(""),
    homeCtaLabel: text("home_cta_label").notNull().default(""),
    /** A path on this site ("/careers") or an https address. */
    homeCtaUrl: text("home_cta_url").notNull().default(""),
    contactEmail: text("contact_email").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    postalAddress: text("postal_address").notNull().default(""),
    /** Who is responsible for personal data (name and address), shown on /privacy. */
    privacyController: text("privacy_controller").notNull().default(""),
    /** How to reach the data-protection officer or contact, shown on /privacy. */
    privacyContact: text("privacy_contact").notNull().default(""),
    /** The organisation's profiles elsewhere (https addresses), in order. */
    socialLinks: text("social_links", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** The about page's Markdown blocks. */
    aboutLens: text("about_lens").notNull().default(""),
    aboutValues: text("about_values").notNull().default(""),
    aboutQuote: text("about_quote").notNull().default(""),
    aboutQuoteBy: text("about_quote_by").notNull().default(""),
    updatedAt: integer("updated_at").notNull().default(now),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [check("organisation_settings_one_row", sql`${t.id} = 1`)],
);

/**
 * The one-time address that creates the first admin of a deployment without
 * demo data (/setup?token=…), printed by the server at start while there is
 * no admin. Only the token's SHA-256 is stored; it is deleted once used.
 */
export const setupTokens = sqliteTable("setup_tokens", {
  /** Hex SHA-256 of the token. */
  id: text("id").primaryKey(),
  createdAt: integer("created_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/**
 * A researcher's link to a user account: the staff-only email on their
 * profile, the invitation sent to it, and the account that accepted it.
 * Kept apart from `researchers`, which public pages read: nothing here is
 * public, and an invitation does not change a public page.
 */
export const researcherAccounts = sqliteTable("researcher_accounts", {
  researcherId: integer("researcher_id")
    .primaryKey()
    .references(() => researchers.id, { onDelete: "cascade" }),
  /** Stored lower-cased and NFC-normalised; one researcher per address. */
  email: text("email").notNull().unique(),
  /** The linked account; null until an invitation is accepted. */
  userId: integer("user_id")
    .unique()
    .references(() => users.id, { onDelete: "set null" }),
  /** Hex SHA-256 of the token in the latest invitation; null once used or never sent. */
  inviteTokenHash: text("invite_token_hash").unique(),
  inviteExpiresAt: integer("invite_expires_at"),
  invitedAt: integer("invited_at"),
  invitedBy: integer("invited_by").references(() => users.id, { onDelete: "set null" }),
  linkedAt: integer("linked_at"),
});

// ───────────────────────────── single sign-on ─────────────────────────────

/** Which outside sign-in an identity or a sign-in in progress belongs to. */
export const IDENTITY_PROVIDERS = ["staff", "orcid"] as const;

/**
 * An account's link to an outside identity: the organisation's identity
 * provider for staff (OpenID Connect), or ORCID for candidates. An identity
 * is its issuer and subject (`iss` + `sub`, which OpenID Connect promises are
 * stable together; an email is not); for ORCID the subject is the iD. One
 * link per provider and account.
 */
export const externalIdentities = sqliteTable(
  "external_identities",
  {
    id: integer("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: IDENTITY_PROVIDERS }).notNull(),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at").notNull(),
  },
  (t) => [
    uniqueIndex("external_identities_subject_idx").on(t.issuer, t.subject),
    uniqueIndex("external_identities_user_idx").on(t.userId, t.provider),
  ],
);

/**
 * A sign-in sent to an identity provider and not yet back: the PKCE
 * verifier, `state` and `nonce` the answer must match. The browser holds a
 * random handle in a ten-minute cookie; only its SHA-256 is the id here.
 * Used once: the callback deletes the row before it redeems the code.
 */
export const signInFlows = sqliteTable(
  "sign_in_flows",
  {
    id: text("id").primaryKey(),
    provider: text("provider", { enum: IDENTITY_PROVIDERS }).notNull(),
    state: text("oauth_state").notNull(),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    redirectTo: text("redirect_to").notNull().default("/"),
    /** Set when a signed-in account links an identity (from /account) rather than signs in. */
    linkUserId: integer("link_user_id").references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sign_in_flows_expires_idx").on(t.expiresAt)],
);

/**
 * Someone who signed in with an ORCID iD that no account has yet. ORCID
 * gives no email, so the account waits for one, proved by a link mailed to
 * it and opened in the same browser (whose handle's SHA-256 is the id).
 */
export const orcidSignUps = sqliteTable(
  "orcid_sign_ups",
  {
    id: text("id").primaryKey(),
    issuer: text("issuer").notNull(),
    orcid: text("orcid").notNull(),
    name: text("name").notNull(),
    /** The address typed in, once asked; lower-cased and NFC-normalised. */
    email: text("email"),
    /** Hex SHA-256 of the token in the mailed link. */
    emailTokenHash: text("email_token_hash").unique(),
    redirectTo: text("redirect_to").notNull().default("/"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("orcid_sign_ups_expires_idx").on(t.expiresAt)],
);

/**
 * How staff sign in, one row (id 1), changed by admins at
 * /admin/settings/sign-in: whether staff must use single sign-on, and the one
 * admin who may still use a password and an authenticator when the identity
 * provider is down (break glass).
 */
export const signInSettings = sqliteTable(
  "sign_in_settings",
  {
    id: integer("id").primaryKey(),
    requireStaffSso: integer("require_staff_sso", { mode: "boolean" }).notNull().default(false),
    breakGlassUserId: integer("break_glass_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    updatedAt: integer("updated_at").notNull(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [check("sign_in_settings_one_row", sql`${t.id} = 1`)],
);
