/**
 * The recruiter half of the benchmark ("a stage with 5,000
 * applications still renders quickly"):
 *
 * - ensureHotOpening: after the scale's seed, gives one open opening 5,000
 *   active applications in its first stage (new candidate users, profiles,
 *   answers, applications and a `submitted` event each). Idempotent: a later
 *   run finds the opening by its candidates' email domain and adds nothing.
 * - recruiterSession: a session row for the seeded recruiter, whose token is
 *   sent as the `__Host-atrium_session` cookie (directly and over HTTP).
 * - measureRecruiterSql: times the board's queries, the whole board, review,
 *   candidate-search and reports loaders (called with a real Request) on that
 *   opening, and prints EXPLAIN QUERY PLAN for every statement they run.
 * - recruiterUrls: the staff pages the HTTP section requests with the cookie.
 */
import { Faker, base, en } from "@faker-js/faker";
import { countryName } from "../app/utils/countries";
import { generateTotpSecret } from "../app/auth/totp.server";
import { createSession, SESSION_COOKIE } from "../app/auth/session.server";
import { buildReport, getReport } from "../app/models/reports.server";
import { loader as reviewLoader } from "../app/routes/recruit.applications.$id/route";
import { searchCandidates } from "../app/routes/recruit.candidates/queries.server";
import { loader as candidatesLoader } from "../app/routes/recruit.candidates/route";
import { loader as boardLoader } from "../app/routes/recruit.openings.$id/route";
import {
  getAverageRatings,
  getCounts,
  getStageCards,
  PAGE_SIZE,
} from "~/models/opening-board.server";
import { loader as reportsLoader } from "../app/routes/recruit.reports";
import type { DB } from "../app/utils/db.server";
import { DEMO_ACCOUNTS } from "../db/seed";
import * as C from "../db/seed-content";
import { captureStatements, explain, ms, table, timeIt, timeStatements } from "./lib";

/** How many active applications the hot opening's first stage holds. */
export const HOT_STAGE_SIZE = 5_000;
/** The bench's extra candidates use this reserved domain; it marks them (and so the hot opening). */
export const HOT_EMAIL_DOMAIN = "hot.bench.test";
const HOT_EMAIL_LIKE = `%@${HOT_EMAIL_DOMAIN}`;
/** The largest page the board serves for one stage (`?show_<stage>=` is capped at 1,000). */
const SHOW_MAX = 1_000;
const BENCH_USER_AGENT = "atrium-bench";
/** Cases slower than this (median) also show where their database time goes. */
const SLOW_MS = 20;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** SQL fragment: applications not added by the hot scenario (to compare a file's counts with its scale). */
export const SEEDED_APPLICATIONS_SQL = `(select count(*) from applications where candidate_id not in (select id from users where email like '${HOT_EMAIL_LIKE}'))`;

export type HotOpening = {
  openingId: number;
  stageId: number;
  title: string;
  added: number;
  ms: number;
};

/** Makes sure one opening has HOT_STAGE_SIZE active applications in its first stage. */
export function ensureHotOpening(db: DB, now = Date.now()): HotOpening {
  const c = db.$client;
  const started = performance.now();
  // Already chosen on an earlier run: the opening our extra candidates applied to.
  const earlier = c
    .prepare(
      "select a.opening_id id from applications a join users u on u.id = a.candidate_id where u.email like ? limit 1",
    )
    .get(HOT_EMAIL_LIKE) as { id: number } | undefined;
  // Otherwise the open, published opening with the busiest first stage (lowest id on ties).
  const opening = c
    .prepare(
      `select * from (
         select o.id, o.title, o.published_at publishedAt,
           (select s.id from stages s where s.opening_id = o.id order by s.position limit 1) stageId
         from openings o
         where ${earlier ? "o.id = ?" : "o.status = 'open' and o.published_at is not null and (o.closes_at is null or o.closes_at > ?)"}
       ) x
       order by (select count(*) from applications a where a.stage_id = x.stageId and a.status = 'active') desc, x.id
       limit 1`,
    )
    .get(earlier ? earlier.id : now) as
    { id: number; title: string; publishedAt: number; stageId: number } | undefined;
  if (!opening?.stageId)
    throw new Error("No open opening with stages to make hot; is the database seeded?");
  const stage = c
    .prepare("select id, public_status publicStatus from stages where id = ?")
    .get(opening.stageId) as {
    id: number;
    publicStatus: string;
  };
  const have = (
    c
      .prepare("select count(*) n from applications where stage_id = ? and status = 'active'")
      .get(stage.id) as { n: number }
  ).n;
  const need = HOT_STAGE_SIZE - have;
  const result = {
    openingId: opening.id,
    stageId: stage.id,
    title: opening.title,
    added: 0,
    ms: 0,
  };
  if (need <= 0) return result;

  // Argon2 is slow by design: reuse the hash a seeded candidate already has.
  const passwordHash = (
    c.prepare("select password_hash h from users where role = 'candidate' limit 1").get() as
      { h: string } | undefined
  )?.h;
  if (!passwordHash) throw new Error("No seeded candidate to borrow a password hash from.");
  const questions = (
    c
      .prepare(
        "select id, type, options from screening_questions where opening_id = ? and required = 1",
      )
      .all(opening.id) as Array<{
      id: number;
      type: string;
      options: string;
    }>
  ).map((q) => ({
    id: q.id,
    answer:
      q.type === "yes_no"
        ? "yes"
        : q.type === "single_choice"
          ? ((JSON.parse(q.options) as string[])[0] ?? "")
          : "Please see my CV.",
  }));
  // Numbering continues after earlier hot candidates, so emails stay unique.
  let n = (
    c.prepare("select count(*) n from users where email like ?").get(HOT_EMAIL_LIKE) as {
      n: number;
    }
  ).n;
  const faker = new Faker({ locale: [en, base] });
  faker.seed(HOT_STAGE_SIZE + n);
  const topics = C.AREAS.flatMap((a) => a.topics);
  // Submissions spread evenly over the last 60 days (never before publication), oldest first.
  const from = Math.max(opening.publishedAt + HOUR, now - 60 * DAY);
  const span = Math.max(HOUR, now - HOUR - from);

  const insertUser = c.prepare(
    "insert into users (email, name, password_hash, role, created_at, updated_at) values (?, ?, ?, 'candidate', ?, ?)",
  );
  const insertProfile = c.prepare(
    "insert into candidate_profiles (user_id, headline, location, created_at, updated_at) values (?, ?, ?, ?, ?)",
  );
  const insertAnswer = c.prepare(
    "insert into application_answers (application_id, question_id, value) values (?, ?, ?)",
  );
  const insertApp = c.prepare(
    `insert into applications (id, opening_id, candidate_id, stage_id, status, cover_letter, source, consent_at, version, stage_entered_at, public_changed_at, created_at, updated_at)
     values (?, ?, ?, ?, 'active', '', ?, ?, 1, ?, ?, ?, ?)`,
  );
  const insertEvent = c.prepare(
    `insert into application_events (application_id, at, actor_user_id, type, from_stage_id, to_stage_id, candidate_visible, public_status)
     values (?, ?, ?, 'submitted', null, ?, 1, ?)`,
  );
  c.transaction(() => {
    // Answers go in before their application (foreign keys are checked at
    // commit), so the candidates_fts insert trigger on applications indexes
    // name, email, headline and answers at once instead of updating per answer.
    c.pragma("defer_foreign_keys = ON");
    let appId =
      1 + (c.prepare("select coalesce(max(id), 0) m from applications").get() as { m: number }).m;
    for (let i = 0; i < need; i++) {
      n++;
      const first = faker.person.firstName();
      const last = faker.person.lastName();
      const handle = `${first}.${last}`.toLowerCase().replace(/[^a-z.]+/g, "");
      const at = from + Math.floor(((i + 0.5) * span) / need);
      const userId = Number(
        insertUser.run(
          `${handle}.${n}@${HOT_EMAIL_DOMAIN}`,
          `${first} ${last}`,
          passwordHash,
          at - DAY,
          at - DAY,
        ).lastInsertRowid,
      );
      const headline = faker.helpers
        .arrayElement(C.HEADLINES)
        .replace("{topic}", faker.helpers.arrayElement(topics));
      const lab = faker.helpers.arrayElement(C.LABS);
      insertProfile.run(
        userId,
        headline,
        `${lab.city}, ${countryName(lab.country)}`,
        at - DAY,
        at - DAY,
      );
      for (const q of questions) insertAnswer.run(appId, q.id, q.answer);
      insertApp.run(
        appId,
        opening.id,
        userId,
        stage.id,
        faker.helpers.arrayElement(C.SOURCES),
        at,
        at,
        at,
        at,
        at,
      );
      insertEvent.run(appId, at, userId, stage.id, stage.publicStatus);
      appId++;
    }
  })();
  // Fresh statistics for the planner, as after seeding.
  c.exec("analyze");
  c.pragma("wal_checkpoint(TRUNCATE)");
  return { ...result, added: need, ms: performance.now() - started };
}

/**
 * A signed-in recruiter as the staff two-factor gate (`twoFactorGate` in
 * app/auth/mfa.server.ts) wants one: an enrolled authenticator (a row with
 * `enabledAt`, added with a fresh secret if the seed left none) and a new
 * session row whose `twoFactorAt` says it proved a code. Earlier bench
 * sessions are removed. The bench server runs with ATRIUM_DEMO=0, so the
 * demo exemption does not apply; without this every staff URL measured a 302.
 */
export function recruiterSession(db: DB): { userId: number; cookie: string } {
  const user = db.$client
    .prepare("select id from users where email = ?")
    .get(DEMO_ACCOUNTS.recruiter.email) as { id: number } | undefined;
  if (!user) throw new Error(`${DEMO_ACCOUNTS.recruiter.email} is missing from the bench database`);
  const now = Date.now();
  db.$client.prepare("delete from sessions where user_agent = ?").run(BENCH_USER_AGENT);
  db.$client
    .prepare(
      `insert into totp_credentials (user_id, secret, enabled_at, created_at) values (?, ?, ?, ?)
       on conflict (user_id) do update set enabled_at = coalesce(enabled_at, excluded.enabled_at)`,
    )
    .run(user.id, generateTotpSecret(), now, now);
  const { token, session } = createSession(db, user.id, { userAgent: BENCH_USER_AGENT }, now);
  db.$client.prepare("update sessions set two_factor_at = ? where id = ?").run(now, session.id);
  // What twoFactorGate reads (without the demo exemption the bench server does not have).
  const proved = db.$client
    .prepare(
      `select t.enabled_at enabledAt, s.two_factor_at twoFactorAt
       from sessions s left join totp_credentials t on t.user_id = s.user_id where s.id = ?`,
    )
    .get(session.id) as { enabledAt: number | null; twoFactorAt: number | null } | undefined;
  if (proved?.enabledAt == null || proved.twoFactorAt == null)
    throw new Error("The bench recruiter session would not pass the staff two-factor gate");
  return { userId: user.id, cookie: `${SESSION_COOKIE}=${token}` };
}

/** Values that make the recruiter URLs and queries representative. */
export function pickRecruiterSamples(db: DB, hot: HotOpening) {
  const c = db.$client;
  // The first card on the hot stage, as a recruiter would open it.
  const application = (
    c
      .prepare(
        "select id from applications where stage_id = ? and status = 'active' order by stage_entered_at, id limit 1",
      )
      .get(hot.stageId) as { id: number }
  ).id;
  // The most common candidate surname: a search with many hits.
  const counts = new Map<string, number>();
  for (const { name } of c
    .prepare("select name from users where role = 'candidate'")
    .all() as Array<{ name: string }>) {
    const last = name.split(/\s+/).pop() ?? "";
    if (last.length >= 3) counts.set(last, (counts.get(last) ?? 0) + 1);
  }
  const surname = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
  return { ...hot, application, surname };
}
type RecruiterSamples = ReturnType<typeof pickRecruiterSamples>;

/** A loader's arguments for `path`, carrying the recruiter's session cookie. */
function args(path: string, cookie: string, params: Record<string, string> = {}) {
  return {
    request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }),
    params,
    context: {},
  };
}

export function measureRecruiterSql(
  name: string,
  db: DB,
  s: RecruiterSamples,
  cookie: string,
  iterations = 200,
) {
  const id = String(s.openingId);
  const q = encodeURIComponent(s.surname);
  const firstPage = getStageCards(db, s.stageId, PAGE_SIZE).map((card) => card.id);
  const cases: Array<{ label: string; run: () => number }> = [
    {
      label: "board: counts per stage and status",
      run: () => Object.values(getCounts(db, s.openingId).perStage).reduce((a, b) => a + b, 0),
    },
    {
      label: `board: hot stage, first ${PAGE_SIZE} cards`,
      run: () => getStageCards(db, s.stageId, PAGE_SIZE).length,
    },
    {
      label: `board: hot stage, ${SHOW_MAX} cards (show-more cap)`,
      run: () => getStageCards(db, s.stageId, SHOW_MAX).length,
    },
    {
      label: `board: ratings of ${PAGE_SIZE} cards`,
      run: () => getAverageRatings(db, firstPage).size,
    },
    {
      label: "board loader (whole page's data)",
      run: () =>
        boardLoader(args(`/recruit/openings/${id}`, cookie, { id })).columns.reduce(
          (a, col) => a + col.cards.length,
          0,
        ),
    },
    {
      label: `board loader, ?show_<hot>=${SHOW_MAX}`,
      run: () =>
        boardLoader(
          args(`/recruit/openings/${id}?show_${s.stageId}=${SHOW_MAX}`, cookie, { id }),
        ).columns.reduce((a, col) => a + col.cards.length, 0),
    },
    {
      label: "review loader, card in hot stage",
      run: () =>
        reviewLoader(
          args(`/recruit/applications/${s.application}`, cookie, { id: String(s.application) }),
        ).events.length,
    },
    {
      label: `candidates: q="${s.surname}"`,
      run: () => searchCandidates(db, { q: s.surname }, 1).total,
    },
    {
      label: `candidates: q="${s.surname}" + hot opening`,
      run: () => searchCandidates(db, { q: s.surname, opening: s.openingId }, 1).total,
    },
    {
      label: "candidates: hot opening, no q",
      run: () => searchCandidates(db, { opening: s.openingId }, 1).total,
    },
    {
      label: `candidates loader, q="${s.surname}"`,
      run: () => candidatesLoader(args(`/recruit/candidates?q=${q}`, cookie)).total,
    },
    { label: "reports: hot opening (uncached)", run: () => buildReport(db, s.openingId).total },
    { label: "reports: all openings (uncached)", run: () => buildReport(db, null).total },
    // Warm: no write since the last computation, so the cached report is served.
    { label: "reports: all openings, warm cache", run: () => getReport(db, null).total },
    {
      label: "reports loader, all openings (warm cache)",
      run: () => reportsLoader(args("/recruit/reports", cookie)).report.total,
    },
  ];
  const rows: Array<Array<string | number>> = [];
  const plans: string[] = [];
  const breakdown: string[] = [];
  const seen = new Set<string>();
  for (const c of cases) {
    // Slow cases (the overall report) get fewer runs: at most ~4 s each, at least 10.
    const once = performance.now();
    c.run();
    const runs = Math.max(
      10,
      Math.min(iterations, Math.floor(4_000 / Math.max(0.01, performance.now() - once))),
    );
    const t = timeIt(c.run, runs);
    rows.push([c.label, t.last, ms(t.median), ms(t.p95), runs]);
    const statements = captureStatements(db, () => c.run());
    const lines = explain(db, statements, seen);
    if (lines.length > 0) plans.push(`${c.label}:`, ...lines);
    if (t.median >= SLOW_MS) {
      breakdown.push(`${c.label} (median ${ms(t.median)} ms):`);
      for (const st of timeStatements(db, statements).slice(0, 5)) {
        breakdown.push(
          `  ${ms(st.ms).padStart(7)} ms  ${String(st.rows).padStart(6)} rows  ${st.sql.slice(0, 110)}${st.sql.length > 110 ? "…" : ""}`,
        );
      }
    }
  }
  console.log(
    `\n[${name}] recruiter queries on hot opening ${s.openingId} ("${s.title}", ${HOT_STAGE_SIZE} active in stage ${s.stageId}; ms)\n`,
  );
  console.log(table(["query", "rows / matches", "median ms", "p95 ms", "runs"], rows));
  if (breakdown.length > 0) {
    console.log(
      `\n[${name}] cases over ${SLOW_MS} ms: their slowest statements, each re-run alone (best of 3)\n`,
    );
    console.log(breakdown.join("\n"));
  }
  console.log(`\n[${name}] EXPLAIN QUERY PLAN (recruiter; each statement once)\n`);
  console.log(plans.join("\n"));
  return rows;
}

/** Staff URLs for the HTTP section (sent with the recruiter's cookie). */
export function recruiterUrls(s: RecruiterSamples): string[] {
  return [
    `/recruit/openings/${s.openingId}`,
    `/recruit/openings/${s.openingId}?show_${s.stageId}=${PAGE_SIZE * 2}`,
    `/recruit/openings/${s.openingId}?show_${s.stageId}=${SHOW_MAX}`,
    `/recruit/applications/${s.application}`,
    `/recruit/candidates?q=${encodeURIComponent(s.surname)}`,
    `/recruit/reports?opening=${s.openingId}`,
    "/recruit/reports",
  ];
}
