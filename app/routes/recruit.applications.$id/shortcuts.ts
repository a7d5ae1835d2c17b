import { useNavigate } from "@remix-run/react";
import { useEffect } from "react";

/**
 * Keyboard enhancement of the review page: j = next, k = previous candidate in
 * this stage (the Previous/Next links do the same without JavaScript). Keys
 * typed into form fields, or with a modifier, are left alone.
 */
export function useStageShortcuts(prevId: number | null, nextId: number | null) {
  const navigate = useNavigate();
  useEffect(() => {
    // Keyboard enhancement: j = next, k = previous candidate in this stage.
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (
        e.metaKey ||
        e.ctrlKey ||
        e.altKey ||
        /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) ||
        t.isContentEditable
      )
        return;
      if (e.key === "j" && nextId) navigate(`/recruit/applications/${nextId}`);
      if (e.key === "k" && prevId) navigate(`/recruit/applications/${prevId}`);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [nextId, prevId, navigate]);
}
