/**
 * The hostile-input corpus (issue 14, "fault and abuse suite"): well over 200
 * requests against every route module's real loader and action — forms with
 * missing, duplicated, oversized and wrong-type fields, NUL / bidi / emoji
 * text, huge and negative numbers, array-style names, bad ids and intents,
 * wrong content types, unauthenticated and wrong-role callers, and hostile
 * values in every search parameter — on a real SQLite file.
 *
 * It asserts what an attacker would notice: no answer is a 5xx (a thrown
 * non-Response error is what Remix turns into a 500), and a refused request
 * (4xx, or a redirect to sign in) leaves the row count of every table
 * unchanged (nothing half-written). Security bookkeeping that refusals are
 * meant to write (audit log, sign-in throttles, rate limits) is not counted.
 *
 * Routes are found with import.meta.glob, so new routes join the corpus.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/utils/db.server";
import { getDb } from "~/utils/db.server";
import { SESSION_COOKIE } from "~/auth/session.server";
import { createArea, createResearcher, createSessionFor } from "../builders";
import { applyTo, candidateUser, openingWithStages, staffUser } from "../fixtures";

type Fn = (args: { request: Request; params: Record<string, string>; context: unknown }) => unknown;
type RouteModule = { loader?: Fn; action?: Fn };
type Role = "anon" | "candidate" | "recruiter" | "admin";

const found = import.meta.glob<RouteModule>(["../../app/routes/**/*.{ts,tsx}", "!**/*.test.*"]);
const ROUTES = Object.entries(found)
  .map(([file, load]) => {
    const rel = file.replace(/^.*app\/routes\//, "");
    const folder = rel.match(/^([^/]+)\/route\.tsx?$/);
    if (folder) return { name: folder[1], load };
    if (rel.includes("/")) return null; // helpers beside a folder route
    return { name: rel.replace(/\.tsx?$/, ""), load };
  })
  .filter((r): r is { name: string; load: () => Promise<RouteModule> } => r !== null)
  .sort((a, b) => a.name.localeCompare(b.name));

/** Who may use a route, and someone who may not. */
function rolesFor(name: string): { allowed: Role; denied: Role | null } {
  if (name.startsWith("admin")) return { allowed: "admin", denied: "recruiter" };
  if (name.startsWith("recruit")) return { allowed: "recruiter", denied: "candidate" };
  if (name.startsWith("account") || name.startsWith("applications"))
    return { allowed: "candidate", denied: "anon" };
  if (name === "logout") return { allowed: "candidate", denied: "anon" };
  return { allowed: "anon", denied: null };
}

const FIELDS = [
  "intent",
  "name",
  "email",
  "password",
  "currentPassword",
  "newPassword",
  "confirmPassword",
  "title",
  "slug",
  "summary",
  "description",
  "qualifications",
  "body",
  "comment",
  "coverLetter",
  "source",
  "sourceOther",
  "consent",
  "labId",
  "areaIds",
  "teamIds",
  "stageId",
  "toStageId",
  "version",
  "reason",
  "message",
  "role",
  "userId",
  "headline",
  "location",
  "homepageUrl",
  "orcid",
  "status",
  "redirectTo",
  "token",
  "kind",
  "city",
  "country",
  "position",
  "closesAt",
  "recommendation",
  "year",
  "venue",
  "url",
  "publicationId",
  "researcherId",
  "bio",
  "q",
  "page",
];

const MULTI_FORM =
  /^(account\._index|admin\.people\.\$id|recruit\.applications\.\$id|recruit\.openings\.\$id|applications\.\$id)$/;

const INTENTS = [
  "delete",
  "name",
  "password",
  "sessions",
  "move",
  "save",
  "note",
  "scorecard",
  "reject",
  "withdraw",
  "hire",
  "preview",
  "close",
  "publish",
  "reopen",
  "retire",
  "create_profile",
  "add_publication",
  "remove_publication",
  "",
  "DELETE",
  "__proto__",
  "constructor",
  "x".repeat(5000),
];

/** The values every field of a form gets in turn (a subset keeps the run under 20 s). */
const ACTION_VALUES = [
  "a\u0000b\u202Egnp.exe\u200D😀",
  "x".repeat(70_000),
  "-99999999999999999999999",
  "1e309",
];
const SEARCH_VALUES = ["\u0000\u202E😀".repeat(1000), "-1", "99999999999999999999999"];

const BAD_IDS = ["0", "-1", "1.5", "99999999999999999999", "%00"];

const SEARCH_PARAMS = [
  "q",
  "page",
  "lab",
  "area",
  "kind",
  "status",
  "opening",
  "email",
  "action",
  "token",
  "download",
  "changed",
  "reset",
  "done",
  "redirectTo",
];

type Body = URLSearchParams | FormData | string | null;
type Case = {
  label: string;
  route: string;
  kind: "loader" | "action";
  role: Role;
  params?: Record<string, string>;
  search?: URLSearchParams;
  body?: Body;
  contentType?: string;
};

function fields(value: (field: string) => string | string[]): URLSearchParams {
  const body = new URLSearchParams();
  for (const f of FIELDS) for (const v of [value(f)].flat()) body.append(f, v);
  return body;
}

function multipart(value: string): FormData {
  const form = new FormData();
  for (const f of FIELDS) form.append(f, value);
  form.append(
    "resume",
    new Blob(["%PDF-1.4 not really"], { type: "application/pdf" }),
    "a;b=c.pdf",
  );
  form.append("photo", new Blob(["GIF89a"], { type: "image/gif" }), "\u202Egpj.exe");
  return form;
}

/** Every payload family for one action. */
function actionBodies(
  intents: string[],
): Array<{ label: string; body: Body; contentType?: string }> {
  const out: Array<{ label: string; body: Body; contentType?: string }> = [
    { label: "no body", body: null },
    { label: "empty form", body: new URLSearchParams() },
    { label: "duplicated fields", body: fields(() => ["a", "b"]) },
    {
      label: "array-style names",
      body: new URLSearchParams(
        FIELDS.flatMap((f) => [
          [`${f}[]`, "1"],
          [`${f}[0]`, "2"],
          [`${f}.x`, "3"],
        ]),
      ),
    },
    { label: "huge row index", body: new URLSearchParams([["areaIds[99999999999]", "1"]]) },
    {
      label: "JSON body",
      body: JSON.stringify({ intent: "delete", name: { $gt: "" } }),
      contentType: "application/json",
    },
    { label: "text body", body: "intent=delete", contentType: "text/plain" },
    {
      label: "broken multipart",
      body: "--x\r\nnot a part",
      contentType: "multipart/form-data; boundary=x",
    },
    { label: "multipart hostile", body: multipart("\u0000\u202E😀") },
  ];
  for (const v of ACTION_VALUES)
    out.push({ label: `every field ${JSON.stringify(v.slice(0, 12))}`, body: fields(() => v) });
  for (const intent of intents)
    out.push({
      label: `intent ${JSON.stringify(intent.slice(0, 12))}`,
      body: fields((f) => (f === "intent" ? intent : f === "version" ? "1" : "x")),
    });
  return out;
}

const tokens = {} as Record<Role, string | undefined>;
let validParams: (route: string) => Record<string, string>;

function request(c: Case): Request {
  const url = new URL(`http://localhost/${c.route.replace(/[.]/g, "/")}`);
  if (c.search) url.search = c.search.toString();
  const headers = new Headers({ Origin: "http://localhost", "User-Agent": "hostile-corpus" });
  const token = tokens[c.role];
  if (token) headers.set("Cookie", `${SESSION_COOKIE}=${token}`);
  if (c.contentType) headers.set("Content-Type", c.contentType);
  return new Request(url, {
    method: c.kind === "action" ? "POST" : "GET",
    headers,
    body: c.kind === "action" ? (c.body ?? null) : null,
  });
}

const UNCOUNTED = new Set([
  "audit_log",
  "audit_context",
  "login_throttles",
  "rate_limits",
  "throttles",
  "sessions",
]);

/**
 * Row counts of every counted table, read with one prepared statement (a
 * count per table per request made this file's slowest part).
 */
function tableCounts(db: DB): Record<string, number> {
  countsStatement ??= prepareCounts(db);
  return countsStatement.get() as Record<string, number>;
}
let countsStatement: { get(): unknown } | undefined;
function prepareCounts(db: DB) {
  const tables = db
    .all<{ name: string }>(
      sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%' and name not like '__drizzle%'`,
    )
    .map((t) => t.name)
    .filter((t) => !UNCOUNTED.has(t));
  return db.$client.prepare(
    `select ${tables.map((t) => `(select count(*) from "${t}") as "${t}"`).join(", ")}`,
  );
}

async function run(
  mod: RouteModule,
  c: Case,
): Promise<{ status: number; location: string | null; error?: string }> {
  const fn = c.kind === "loader" ? mod.loader : mod.action;
  if (!fn) return { status: 405, location: null };
  try {
    const result = await fn({
      request: request(c),
      params: c.params ?? validParams(c.route),
      context: { clientIp: "198.51.100.9" },
    });
    if (result instanceof Response)
      return { status: result.status, location: result.headers.get("Location") };
    if (
      result &&
      typeof result === "object" &&
      (result as { type?: string }).type === "DataWithResponseInit"
    ) {
      const init = (result as { init: ResponseInit | null }).init;
      return { status: init?.status ?? 200, location: new Headers(init?.headers).get("Location") };
    }
    return { status: 200, location: null };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get("Location") };
    const e = thrown as { status?: number; type?: string; init?: { status?: number } };
    // data() thrown as an error response, or a route ErrorResponse.
    if (e?.type === "DataWithResponseInit")
      return { status: e.init?.status ?? 500, location: null };
    if (typeof e?.status === "number" && e.status < 500)
      return { status: e.status, location: null };
    return {
      status: 500,
      location: null,
      error: thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown),
    };
  }
}

function buildCorpus(modules: Map<string, RouteModule>): Case[] {
  const cases: Case[] = [];
  for (const [route, mod] of modules) {
    const { allowed, denied } = rolesFor(route);
    const hasId = /\$id/.test(route);
    if (mod.action) {
      // Intents matter where a route switches on them; elsewhere a few bad ones suffice.
      const bodies = actionBodies(MULTI_FORM.test(route) ? INTENTS : INTENTS.slice(-2));
      for (const b of bodies)
        cases.push({
          label: b.label,
          route,
          kind: "action",
          role: allowed,
          body: b.body,
          contentType: b.contentType,
        });
      for (const role of ["anon", denied] as const)
        if (role && role !== allowed)
          cases.push({ label: `as ${role}`, route, kind: "action", role, body: fields(() => "1") });
      if (hasId)
        for (const id of BAD_IDS)
          cases.push({
            label: `id ${id}`,
            route,
            kind: "action",
            role: allowed,
            params: { id },
            body: fields(() => "1"),
          });
    }
    if (mod.loader) {
      for (const v of SEARCH_VALUES) {
        const search = new URLSearchParams(SEARCH_PARAMS.map((p) => [p, v]));
        cases.push({
          label: `search ${JSON.stringify(v.slice(0, 12))}`,
          route,
          kind: "loader",
          role: allowed,
          search,
        });
      }
      cases.push({
        label: "repeated search params",
        route,
        kind: "loader",
        role: allowed,
        search: new URLSearchParams(
          SEARCH_PARAMS.flatMap((p) => [
            [p, "1"],
            [p, "2"],
            [`${p}[]`, "3"],
          ]),
        ),
      });
      for (const role of ["anon", denied] as const)
        if (role && role !== allowed)
          cases.push({ label: `as ${role}`, route, kind: "loader", role });
      if (hasId)
        for (const id of BAD_IDS)
          cases.push({ label: `id ${id}`, route, kind: "loader", role: allowed, params: { id } });
      if (/\$slug/.test(route))
        for (const slug of ["../../etc/passwd", "\u0000", "x".repeat(5000), "%F0%28"])
          cases.push({
            label: `slug ${JSON.stringify(slug.slice(0, 12))}`,
            route,
            kind: "loader",
            role: allowed,
            params: { slug },
          });
    }
  }
  return cases;
}

describe("hostile-input corpus", () => {
  const modules = new Map<string, RouteModule>();

  beforeAll(async () => {
    for (const r of ROUTES) modules.set(r.name, await r.load());
    const db = getDb();
    const admin = await staffUser(db, "admin", "Ada Admin");
    const recruiter = await staffUser(db, "recruiter");
    const candidate = await candidateUser(db, "Cara Candidate", "Physicist");
    tokens.admin = createSessionFor(db, admin.id);
    tokens.recruiter = createSessionFor(db, recruiter.id);
    tokens.candidate = createSessionFor(db, candidate.id);
    tokens.anon = undefined;
    const { lab, opening, stages } = openingWithStages(db, { scorecardCriteria: ["Research"] });
    const area = createArea(db);
    const researcher = createResearcher(db, { labId: lab.id, areaIds: [area.id] });
    const app = applyTo(db, {
      openingId: opening.id,
      candidateId: candidate.id,
      stageId: stages[0].id,
    });
    validParams = (route): Record<string, string> => {
      if (route === "$") return { "*": "no/such/page" };
      const id = route.startsWith("admin.labs")
        ? lab.id
        : route.startsWith("admin.areas")
          ? area.id
          : route.startsWith("admin.people")
            ? researcher.id
            : route.includes("applications")
              ? app.id
              : opening.id;
      const slug = route.startsWith("labs")
        ? lab.slug
        : route.startsWith("areas")
          ? area.slug
          : route.startsWith("people")
            ? researcher.slug
            : opening.slug;
      return { id: String(id), slug };
    };
  }, 60_000);

  it(
    "answers every hostile request without a 5xx and writes nothing when it refuses",
    { timeout: 60_000 },
    async () => {
      const db = getDb();
      const cases = buildCorpus(modules);
      expect(cases.length).toBeGreaterThanOrEqual(200);
      const started = Date.now();
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      for (const c of cases) {
        const before = tableCounts(db);
        const res = await run(modules.get(c.route)!, c);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = `${c.kind} ${c.route} as ${c.role}, ${c.label}`;
        if (res.status >= 500)
          failures.push(`${res.status} from ${where}${res.error ? `: ${res.error}` : ""}`);
        const refused = res.status >= 400 || (res.location ?? "").startsWith("/login");
        if (refused) {
          const after = tableCounts(db);
          for (const [table, n] of Object.entries(after))
            if (n !== before[table])
              failures.push(`${table} ${before[table]} → ${n} after refused ${where}`);
        }
      }
      const ms = Date.now() - started;
      console.log(
        `[hostile] ${cases.length} requests over ${modules.size} route modules in ${ms} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
      );
      expect(failures).toEqual([]);
    },
  );
});

/**
 * Message floods: an attacker makes Atrium send email as fast as it will, to
 * addresses of their choosing, from one account, from many accounts and from
 * many networks. Every message-causing action is tried far past its limit;
 * what reaches the outbox stays within the limits (per person and per
 * address), every refusal is a 429 with Retry-After whose message gives the
 * count, and nothing answers 5xx.
 */
describe("message floods", () => {
  const TRIES = 30;
  let opening: ReturnType<typeof openingWithStages>["opening"];
  let firstStage: number;
  const outboxTo = (to: string) =>
    getDb().all<{ n: number }>(sql`select count(*) as n from outbox where "to" = ${to}`)[0].n;
  const tally = { requests: 0, sent: 0, refused: 0, errors: 0 };

  beforeAll(async () => {
    const db = getDb();
    const made = openingWithStages(db, { title: "Flood Fellow" });
    opening = made.opening;
    firstStage = made.stages[0].id;
    db.run(sql`update openings set letters_required = 5 where id = ${opening.id}`);
  });

  /** A candidate with an application to the flood opening, signed in. */
  async function candidateWithApplication(name: string) {
    const db = getDb();
    const user = await candidateUser(db, name);
    const app = applyTo(db, { openingId: opening.id, candidateId: user.id, stageId: firstStage });
    return { user, app, token: createSessionFor(db, user.id) };
  }

  async function post(
    mod: Promise<RouteModule>,
    url: string,
    fields: Record<string, string>,
    {
      token,
      ip = "203.0.113.50",
      params = {},
    }: { token?: string; ip?: string; params?: Record<string, string> } = {},
  ) {
    const headers = new Headers({
      Origin: "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
    });
    if (token) headers.set("Cookie", `${SESSION_COOKIE}=${token}`);
    const request = new Request(`http://localhost${url}`, {
      method: "POST",
      headers,
      body: new URLSearchParams(fields),
    });
    let result: unknown;
    try {
      result = await (await mod).action!({ request, params, context: { clientIp: ip } });
    } catch (thrown) {
      result = thrown;
    }
    tally.requests++;
    const init =
      result instanceof Response
        ? { status: result.status, headers: result.headers }
        : (result as { type?: string; init?: ResponseInit })?.type === "DataWithResponseInit"
          ? {
              status: (result as { init: ResponseInit }).init?.status ?? 200,
              headers: new Headers((result as { init: ResponseInit }).init?.headers),
            }
          : result instanceof Error
            ? { status: 500, headers: new Headers() }
            : { status: 200, headers: new Headers() };
    const data = (result as { data?: { error?: Record<string, string[]> } })?.data;
    const message = Object.values(data?.error ?? {})
      .flat()
      .join(" ");
    if (init.status >= 500) tally.errors++;
    if (init.status === 429) {
      tally.refused++;
      expect(init.headers.get("Retry-After"), url).toMatch(/^[1-9]\d*$/);
    }
    return { status: init.status, message };
  }

  const refereesRoute =
    import("../../app/routes/applications.$id_.referees") as Promise<RouteModule>;
  const forgotRoute = import("../../app/routes/_auth.forgot-password") as Promise<RouteModule>;

  it("one candidate replacing a referee again and again: five emails a day", async () => {
    const cara = await candidateWithApplication("Flora Flood");
    const url = `/applications/${cara.app.id}/referees`;
    const params = { id: String(cara.app.id) };
    await post(
      refereesRoute,
      url,
      { intent: "add", name: "Rhea Ref", email: "r0@flood.example", relationship: "PI" },
      { token: cara.token, params },
    );
    let last = { status: 0, message: "" };
    for (let i = 1; i <= TRIES; i++) {
      const current = getDb().all<{ id: number }>(
        sql`select id from referees where application_id = ${cara.app.id} and status = 'requested' order by id desc limit 1`,
      )[0];
      last = await post(
        refereesRoute,
        url,
        {
          intent: "replace",
          refereeId: String(current.id),
          name: `Ref ${i}`,
          email: `r${i}@flood.example`,
          relationship: "PI",
        },
        { token: cara.token, params },
      );
    }
    const sent = getDb().all<{ n: number }>(
      sql`select count(*) as n from outbox where "to" like '%@flood.example'`,
    )[0].n;
    tally.sent += sent;
    expect(sent).toBe(1 + 5);
    expect(last).toEqual({
      status: 429,
      message: "You can replace a referee 5 times a day; try again tomorrow.",
    });
  });

  it("many candidates naming one address, and reminders: five emails a day to that address", async () => {
    const target = "victim@inbox.example";
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const someone = await candidateWithApplication(`Sybil ${i}`);
      const url = `/applications/${someone.app.id}/referees`;
      const params = { id: String(someone.app.id) };
      statuses.push(
        (
          await post(
            refereesRoute,
            url,
            { intent: "add", name: "Vic Tim", email: target, relationship: "PI" },
            { token: someone.token, params },
          )
        ).status,
      );
      const referee = getDb().all<{ id: number }>(
        sql`select id from referees where application_id = ${someone.app.id}`,
      )[0];
      if (referee)
        statuses.push(
          (
            await post(
              refereesRoute,
              url,
              { intent: "remind", refereeId: String(referee.id) },
              { token: someone.token, params },
            )
          ).status,
        );
    }
    const sent = outboxTo(target);
    tally.sent += sent;
    expect(sent).toBe(5);
    expect(statuses.filter((s) => s === 302)).toHaveLength(5);
    expect(statuses.every((s) => s === 302 || s === 429)).toBe(true);
  });

  it("reset links: three an hour to one account from any number of networks, ten an hour from one network", async () => {
    const victim = await candidateUser(getDb(), "Reset Victim");
    for (let i = 0; i < TRIES; i++)
      await post(
        forgotRoute,
        "/forgot-password",
        { email: victim.email },
        { ip: `198.18.0.${i + 1}` },
      );
    expect(outboxTo(victim.email)).toBe(3);
    tally.sent += 3;
    let last = { status: 0, message: "" };
    for (let i = 0; i < TRIES; i++)
      last = await post(
        forgotRoute,
        "/forgot-password",
        { email: `someone${i}@example.test` },
        { ip: "198.18.1.1" },
      );
    expect(last.status).toBe(429);
    expect(last.message).toMatch(
      /^You can ask for a password-reset link from one network 10 times an hour; try again in \d+ minutes\.$/,
    );
  });

  afterAll(() => {
    console.log(
      `[floods] ${tally.requests} message requests: ${tally.sent} emails queued, ${tally.refused} refused with 429 and Retry-After, ${tally.errors} × 5xx`,
    );
    expect(tally.errors).toBe(0);
  });
});
