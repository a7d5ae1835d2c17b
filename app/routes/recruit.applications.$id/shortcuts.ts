import { useNavigate } from "@remix-run/react";
import { useKeyboardShortcuts } from "~/components/keyboard-shortcuts";

/**
 * Keyboard enhancement of the review page: j = next, k = previous candidate in
 * this stage (the Previous/Next links do the same without JavaScript). Keys
 * typed into form fields, or with a modifier, are left alone.
 */
export function useStageShortcuts(prevId: number | null, nextId: number | null) {
  const navigate = useNavigate();
  useKeyboardShortcuts({
    j: nextId ? () => navigate(`/recruit/applications/${nextId}`) : null,
    k: prevId ? () => navigate(`/recruit/applications/${prevId}`) : null,
  });
}
