/**
 * Board keyboard shortcuts (JavaScript only; everything is reachable by Tab
 * too): j / k focus the next / previous card (across columns, in reading
 * order), ? lists the shortcuts. Built on the same hook as the review page's j/k.
 */
import { useEffect, useState } from "react";
import {
  ShortcutsDialog,
  useKeyboardShortcuts,
  type Shortcut,
} from "~/components/keyboard-shortcuts";

const SHORTCUTS: Shortcut[] = [
  { keys: "j", does: "Next card" },
  { keys: "k", does: "Previous card" },
  { keys: "Space", does: "On a card's drag handle: pick up / drop the card" },
  { keys: "← →", does: "While carrying a card: choose the stage" },
  { keys: "Escape", does: "Put the card back" },
  { keys: "?", does: "Show this list" },
];

function focusCard(step: 1 | -1) {
  const links = Array.from(document.querySelectorAll<HTMLElement>(".board-card__link"));
  if (links.length === 0) return;
  const current = links.findIndex((l) =>
    l.closest(".board-card")?.contains(document.activeElement),
  );
  const next = current === -1 ? (step === 1 ? 0 : links.length - 1) : current + step;
  const target = links[Math.max(0, Math.min(links.length - 1, next))];
  target.focus();
  target.scrollIntoView({ block: "nearest", inline: "nearest" });
}

export function BoardShortcuts() {
  const [open, setOpen] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  useKeyboardShortcuts({
    j: () => focusCard(1),
    k: () => focusCard(-1),
    "?": () => setOpen(true),
  });
  if (!hydrated) return null;
  return (
    <>
      <button type="button" className="button button--ghost" onClick={() => setOpen(true)}>
        Shortcuts <kbd aria-hidden="true">?</kbd>
      </button>
      <ShortcutsDialog open={open} onClose={() => setOpen(false)} shortcuts={SHORTCUTS} />
    </>
  );
}
