import { getDb } from "~/utils/db.server";
import { preparedFor } from "~/utils/prepared.server";

const ping = preparedFor((db) => db.$client.prepare("select 1"));

/** Liveness and readiness: answers 200 only when the database answers. */
export function loader() {
  try {
    ping(getDb()).get();
    return new Response("ok", {
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  } catch (error) {
    console.error("[healthz] database check failed", error);
    return new Response("database unavailable", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
}
