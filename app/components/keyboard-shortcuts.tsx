/**
 * Single-key shortcuts for staff pages (j/k on the review page and the board,
 * ? for the list), and the list itself. Keys typed into form fields, or with
 * Ctrl/Alt/Meta held, are left alone, so typing a note never jumps away.
 * Everything they do is also reachable by links and buttons without JavaScript.
 */
import { useEffect, useRef } from "react";

/** True when a key press belongs to what the person is typing, not to the page. */
function isTypingTarget(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (event.metaKey || event.ctrlKey || event.altKey) return true;
  if (!target || !(target instanceof HTMLElement)) return false;
  return /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable;
}

/** Calls `handlers[event.key]` for keys pressed outside form fields. */
export function useKeyboardShortcuts(handlers: Record<string, (() => void) | null | undefined>) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTypingTarget(event)) return;
      const handler = latest.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

export type Shortcut = { keys: string; does: string };

/**
 * The "?" list: a modal <dialog> (focus is trapped and Escape closes it, by
 * the browser). `open` is driven by the page's "?" handler or its button.
 */
export function ShortcutsDialog({
  open,
  onClose,
  shortcuts,
}: {
  open: boolean;
  onClose: () => void;
  shortcuts: Shortcut[];
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      onClose={onClose}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {shortcuts.map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.does}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" className="button button--small">
          Close
        </button>
      </form>
    </dialog>
  );
}
