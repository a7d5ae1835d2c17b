/**
 * zod compiles object schemas with `new Function` when it may, and probes for
 * that the first time a schema is built. The content security policy forbids
 * `eval`, so in the browser the probe is reported as a violation on every
 * page whose JavaScript builds a form schema. Interpreted parsing is plenty
 * for a form: this turns compilation off in the browser before any schema is
 * built. The server keeps compiling (nothing forbids it there).
 *
 * app/root.tsx imports this module first (root's modules run before any
 * other route's), and package.json lists it under `sideEffects` so the
 * bundler keeps an import that uses nothing from it.
 */
import { z } from "zod";

if (typeof document !== "undefined") z.config({ jitless: true });
