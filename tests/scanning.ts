/**
 * For the tests of upload scanning: the run's clamd (started once by
 * tests/global-setup.ts) and the switch that points CLAMAV_SOCKET at it.
 */
import { inject } from "vitest";
import { reloadEnv } from "~/utils/env.server";

/** The socket of the run's clamd; throws why there is none (clamd missing or not starting). */
export function clamdSocket(): string {
  const { socket, problem } = inject("clamd");
  if (!socket) throw new Error(problem ?? "clamd is not running");
  return socket;
}

/**
 * Sets CLAMAV_SOCKET (to `socket`, or unset with null) for what follows,
 * as a deployment would; the returned function unsets it again.
 */
export function useScanner(socket: string | null): () => void {
  if (socket === null) delete process.env.CLAMAV_SOCKET;
  else process.env.CLAMAV_SOCKET = socket;
  reloadEnv();
  return () => {
    delete process.env.CLAMAV_SOCKET;
    reloadEnv();
  };
}
