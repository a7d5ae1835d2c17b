/**
 * `node --import ./bench/css-stub.mjs`: the benchmark calls route loaders
 * directly, and route modules import their stylesheets (`~/styles/x.css`),
 * which Remix's compiler turns into URLs but Node cannot load. This hook
 * answers every `.css` import with an empty URL string.
 */
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      `export async function load(url, context, next) {
        if (url.endsWith(".css")) return { format: "module", source: "export default ''", shortCircuit: true };
        return next(url, context);
      }`,
    ),
);
