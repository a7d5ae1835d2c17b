/**
 * What an admin should see first (/admin): offers waiting for an admin's
 * approval, messages that could not be delivered, and staff accounts that
 * cannot reach staff pages yet because they have no two-factor
 * authentication. Read-only; the audit log's latest rows come from its own
 * module.
 */
import { and, count, desc, eq, inArray, isNotNull, isNull, ne, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { applications, offers, openings, outbox, totpCredentials, users } from "../../db/schema";
import type { DB } from "~/utils/db.server";

/** How many of each list the overview shows before pointing at the full page. */
const SHOWN = 8;

export function getAdminOverview(db: DB, viewerId: number) {
  const candidate = alias(users, "candidate");
  const drafter = alias(users, "drafter");
  const pendingOffers = db
    .select({
      offerId: offers.id,
      applicationId: offers.applicationId,
      title: offers.title,
      createdAt: offers.createdAt,
      candidateName: candidate.name,
      openingTitle: openings.title,
      drafterId: offers.draftedBy,
      drafterName: drafter.name,
    })
    .from(offers)
    .innerJoin(applications, eq(applications.id, offers.applicationId))
    .innerJoin(candidate, eq(candidate.id, applications.candidateId))
    .innerJoin(openings, eq(openings.id, applications.openingId))
    .leftJoin(drafter, eq(drafter.id, offers.draftedBy))
    .where(eq(offers.status, "draft"))
    .orderBy(offers.createdAt, offers.id)
    .all()
    // The drafter cannot approve their own offer; it is listed for them as waiting on others.
    .map((o) => ({ ...o, yours: o.drafterId === viewerId }));

  const failed = and(isNull(outbox.sentAt), isNotNull(outbox.error));
  const failedCount = db.select({ n: count() }).from(outbox).where(failed).get()?.n ?? 0;
  const failedMessages = db
    .select({
      id: outbox.id,
      to: outbox.to,
      subject: outbox.subject,
      error: outbox.error,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(failed)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(SHOWN)
    .all();

  const staffWithoutTwoFactor = db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .leftJoin(totpCredentials, eq(totpCredentials.userId, users.id))
    .where(
      and(
        inArray(users.role, ["recruiter", "admin"]),
        or(isNull(totpCredentials.userId), isNull(totpCredentials.enabledAt)),
      ),
    )
    .orderBy(users.name, users.id)
    .all();

  return { pendingOffers, failedCount, failedMessages, staffWithoutTwoFactor };
}

/** Offers an admin could approve now: drafts someone else wrote (the header's badge). */
export function countOffersAwaitingApproval(db: DB, adminId: number): number {
  return (
    db
      .select({ n: count() })
      .from(offers)
      .where(
        and(
          eq(offers.status, "draft"),
          or(isNull(offers.draftedBy), ne(offers.draftedBy, adminId)),
        ),
      )
      .get()?.n ?? 0
  );
}
