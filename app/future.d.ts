// Single fetch is on (remix.config.js); this makes loader/action data types match it.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
