/**
 * Delivery of the outbox (deliverOutbox): one pass at a time per process, and
 * claims across processes, so neither concurrent callers nor two workers on
 * the same file send a message twice; a failure is recorded on the message
 * rather than thrown.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import * as s from "../../db/schema";
import { getDb, openDatabase } from "~/utils/db.server";
import { welcomeEmail } from "~/emails/account";
import { CLAIM_MS, deliverOutbox, queueEmail, setMailTransport } from "~/emails/mailer.server";

const db = getDb();

/** A message to `to` (any kind would do: delivery does not look at it). */
const mail = (to: string) =>
  welcomeEmail({ user: { name: "Pat", email: to }, origin: "http://localhost" });

type Sent = { to: string; subject: string };

/** A transport that records what it sends; each send waits `delayMs` (a slow SMTP server). */
function recordingTransport(delayMs: number, fail?: (to: string) => boolean) {
  const sent: Sent[] = [];
  return {
    sent,
    transport: {
      async sendMail(message: { to: string; subject: string }) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (fail?.(message.to)) throw new Error("550 mailbox unavailable");
        sent.push({ to: message.to, subject: message.subject });
        return {};
      },
    },
  };
}

beforeEach(() => {
  db.delete(s.outbox).run();
});

afterEach(() => setMailTransport(undefined));

describe("deliverOutbox", () => {
  test("concurrent calls send every message exactly once and mark it sent", async () => {
    const { sent, transport } = recordingTransport(5);
    setMailTransport(transport);
    for (const n of [1, 2, 3]) queueEmail(db, mail(`p${n}@example.test`));
    // A message committed while a pass runs is sent by the next pass, once.
    const first = deliverOutbox(db);
    const second = deliverOutbox(db);
    queueEmail(db, mail("late@example.test"));
    const third = deliverOutbox(db);
    await Promise.all([first, second, third]);
    expect(sent.map((m) => m.to).sort()).toEqual([
      "late@example.test",
      "p1@example.test",
      "p2@example.test",
      "p3@example.test",
    ]);
    const rows = db.select().from(s.outbox).all();
    expect(rows.every((r) => r.sentAt !== null && r.error === null)).toBe(true);
  });

  test("a refused message keeps its error and the others are still sent; nothing throws", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { sent, transport } = recordingTransport(1, (to) => to === "bad@example.test");
    setMailTransport(transport);
    const bad = queueEmail(db, mail("bad@example.test"));
    queueEmail(db, mail("good@example.test"));
    await expect(deliverOutbox(db)).resolves.toBeUndefined();
    expect(sent.map((m) => m.to)).toEqual(["good@example.test"]);
    const row = db.select().from(s.outbox).where(eq(s.outbox.id, bad)).get()!;
    expect(row.sentAt).toBeNull();
    expect(row.error).toContain("550");
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  test("two workers on the same file send each message once between them", async () => {
    // A second connection to the same file is what another worker process has.
    const other = openDatabase(db.$client.name, { migrate: false });
    try {
      const { sent, transport } = recordingTransport(2);
      setMailTransport(transport);
      for (let n = 0; n < 120; n++) queueEmail(db, mail(`w${n}@example.test`));
      await Promise.all([deliverOutbox(db), deliverOutbox(other)]);
      const addresses = sent.map((m) => m.to);
      expect(addresses).toHaveLength(120);
      expect(new Set(addresses).size).toBe(120);
      const rows = db.select().from(s.outbox).all();
      expect(rows.every((r) => r.sentAt !== null)).toBe(true);
    } finally {
      other.$client.close();
    }
  });

  test("a message claimed by a pass that died is sent once its claim is stale, not before", async () => {
    const { sent, transport } = recordingTransport(1);
    setMailTransport(transport);
    const fresh = queueEmail(db, mail("fresh@example.test"));
    const stale = queueEmail(db, mail("stale@example.test"));
    // Both were claimed by a worker that was killed before sending them.
    db.update(s.outbox)
      .set({ claimedAt: Date.now() - 1_000 })
      .where(eq(s.outbox.id, fresh))
      .run();
    db.update(s.outbox)
      .set({ claimedAt: Date.now() - CLAIM_MS - 1_000 })
      .where(eq(s.outbox.id, stale))
      .run();
    await deliverOutbox(db);
    expect(sent.map((m) => m.to)).toEqual(["stale@example.test"]);
    const row = db.select().from(s.outbox).where(eq(s.outbox.id, fresh)).get()!;
    expect(row.sentAt).toBeNull();
  });
});
