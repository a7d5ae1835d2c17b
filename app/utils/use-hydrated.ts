import { useEffect, useState } from "react";

let hydratedOnce = false;

/**
 * False in the server's HTML and during hydration, true once React runs in the
 * browser: what only works with JavaScript shows up then (and after client
 * navigation at once), so the page without JavaScript stays complete.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(hydratedOnce);
  useEffect(() => {
    hydratedOnce = true;
    setHydrated(true);
  }, []);
  return hydrated;
}
