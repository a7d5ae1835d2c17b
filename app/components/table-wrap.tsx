import type { ReactNode } from "react";

/**
 * A horizontally scrollable table container. Keyboard users must be able to
 * scroll it too, so it is focusable and named (a named region), as WCAG and
 * axe-core's scrollable-region-focusable rule ask.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
