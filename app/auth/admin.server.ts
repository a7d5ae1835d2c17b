/**
 * Queries and changes behind the admin pages (/admin/users, /admin/audit,
 * /admin/outbox). Callers have already checked requireRole(request, "admin").
 */
import {
  aliasedTable,
  and,
  count,
  desc,
  eq,
  isNotNull,
  isNull,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import {
  auditContext,
  auditLog,
  outbox,
  recoveryCodes,
  sessions,
  totpCredentials,
  users,
} from "../../db/schema";
import type { Role } from "~/lib/enums";
import type { DB } from "~/utils/db.server";
import { audit, type AuditAction } from "./audit.server";
import { pageCount } from "~/utils/route-params";

const PAGE_SIZE = 25;

function likePattern(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const USER_STATUSES = ["active", "deactivated"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Users, newest first, optionally matching `q` in email or name, a role and a status. */
export function listUsers(
  db: DB,
  {
    q,
    page,
    role = null,
    status = null,
  }: { q: string; page: number; role?: Role | null; status?: UserStatus | null },
) {
  const filters: SQL[] = [];
  if (q)
    filters.push(
      or(
        sql`${users.email} like ${likePattern(q.toLowerCase())} escape '\\'`,
        sql`${users.name} like ${likePattern(q)} escape '\\'`,
      )!,
    );
  if (role) filters.push(eq(users.role, role));
  if (status)
    filters.push(
      status === "active" ? isNull(users.deactivatedAt) : isNotNull(users.deactivatedAt),
    );
  const where = filters.length ? and(...filters) : undefined;
  const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
      deactivatedAt: users.deactivatedAt,
      twoFactor: sql<number>`EXISTS (SELECT 1 FROM ${totpCredentials} WHERE ${totpCredentials.userId} = ${users.id})`,
    })
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all();
  return {
    rows: rows.map((r) => ({ ...r, twoFactor: Boolean(r.twoFactor) })),
    total,
    pageCount: pageCount(total, PAGE_SIZE),
  };
}

/** How many admins can still sign in; the system never goes below one. */
export function activeAdmins(db: Pick<DB, "select">): number {
  return (
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), isNull(users.deactivatedAt)))
      .get()?.n ?? 0
  );
}

export type RoleChangeResult =
  { kind: "ok"; changed: boolean } | { kind: "not_found" } | { kind: "last_admin" };

/**
 * Gives a user a new role; the system always keeps at least one admin.
 * `actorUserId` is the admin (null: the create-admin command).
 */
export function changeRole(
  db: DB,
  actorUserId: number | null,
  targetUserId: number,
  role: Role,
  { ip, now = Date.now() }: { ip: string | null; now?: number },
): RoleChangeResult {
  return db.transaction(
    (tx) => {
      const target = tx
        .select({ role: users.role, deactivatedAt: users.deactivatedAt })
        .from(users)
        .where(eq(users.id, targetUserId))
        .get();
      if (!target) return { kind: "not_found" } as const;
      if (target.role === role) return { kind: "ok", changed: false } as const;
      if (target.role === "admin" && target.deactivatedAt === null && activeAdmins(tx) <= 1)
        return { kind: "last_admin" } as const;
      tx.update(users).set({ role, updatedAt: now }).where(eq(users.id, targetUserId)).run();
      // A candidate's own authenticator was bound by whoever had their password: as
      // staff they set one up again through an enrolment link (enrolment.server.ts).
      const twoFactorReset = target.role === "candidate" && role !== "candidate";
      if (twoFactorReset) {
        tx.delete(totpCredentials).where(eq(totpCredentials.userId, targetUserId)).run();
        tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, targetUserId)).run();
        tx.update(sessions)
          .set({ twoFactorAt: null })
          .where(eq(sessions.userId, targetUserId))
          .run();
      }
      audit(tx, {
        action: "admin.role_changed",
        actorUserId,
        subjectUserId: targetUserId,
        ip,
        at: now,
        detail: { from: target.role, to: role, ...(twoFactorReset ? { twoFactorReset } : {}) },
      });
      return { kind: "ok", changed: true } as const;
    },
    { behavior: "immediate" },
  );
}

const actor = aliasedTable(users, "actor");
const subject = aliasedTable(users, "subject");

/** Audit rows, newest first, filtered by action and by a user's email (as actor, subject or email tried). */
export function listAudit(
  db: DB,
  { action, email, page }: { action: AuditAction | null; email: string | null; page: number },
) {
  const filters: SQL[] = [];
  if (action) filters.push(eq(auditLog.action, action));
  if (email) {
    const user = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
    const byEmail = sql`${auditLog.id} IN (SELECT ${auditContext.auditId} FROM ${auditContext} WHERE ${auditContext.email} = ${email})`;
    filters.push(
      user
        ? or(eq(auditLog.actorUserId, user.id), eq(auditLog.subjectUserId, user.id), byEmail)!
        : byEmail,
    );
  }
  const where = filters.length ? and(...filters) : undefined;
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      ip: auditContext.ip,
      emailTried: auditContext.email,
      detail: auditLog.detail,
      actorId: auditLog.actorUserId,
      subjectId: auditLog.subjectUserId,
      actorEmail: actor.email,
      subjectEmail: subject.email,
      // Rows name researchers by id only; the page shows who that is now.
      researcherName: sql<
        string | null
      >`(SELECT name FROM researchers WHERE id = json_extract(${auditLog.detail}, '$.researcherId'))`,
    })
    .from(auditLog)
    .leftJoin(auditContext, eq(auditContext.auditId, auditLog.id))
    .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
    .leftJoin(subject, eq(subject.id, auditLog.subjectUserId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all();
  return { rows, total, pageCount: pageCount(total, PAGE_SIZE) };
}

/** Outbox messages, newest first (without their HTML part, which the page frames separately). */
export function listOutbox(db: DB, { page }: { page: number }) {
  const total = db.select({ n: count() }).from(outbox).get()?.n ?? 0;
  const rows = db
    .select({
      id: outbox.id,
      to: outbox.to,
      subject: outbox.subject,
      text: outbox.text,
      kind: outbox.kind,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      error: outbox.error,
      hasHtml: sql<boolean>`${outbox.html} IS NOT NULL`.mapWith(Boolean),
      hasCalendar: sql<boolean>`${outbox.calendar} IS NOT NULL`.mapWith(Boolean),
    })
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all();
  return { rows, total, pageCount: pageCount(total, PAGE_SIZE) };
}

/** The HTML part of one outbox message, or null (no such message, or a plain-text one). */
export function getOutboxHtml(db: DB, id: number): string | null {
  return db.select({ html: outbox.html }).from(outbox).where(eq(outbox.id, id)).get()?.html ?? null;
}

/**
 * Hides secrets in a message shown to admins, in its text or its HTML: a
 * reset link's token would let whoever reads it take over the account, and a
 * referee's would let them upload a letter in the referee's name.
 */
export function redactSecrets(text: string): string {
  return text.replace(/([?&](?:amp;)?token=)[^\s&#"'<>]+/g, "$1[hidden]");
}
