import type { ReactNode } from "react";

/**
 * The box of a table that may be wider than a phone (Bootstrap's .table-responsive): it scrolls
 * sideways, so it is a named region that takes keyboard focus (WCAG 2.1.1, axe
 * scrollable-region-focusable). Name it by the table's caption (labelledBy) or a label.
 */
export function ScrollRegion(props: { labelledBy?: string; label?: string; className?: string; children: ReactNode }) {
  return (
    <div
      className={`table-responsive${props.className ? ` ${props.className}` : ""}`}
      role="region"
      aria-labelledby={props.labelledBy}
      aria-label={props.labelledBy ? undefined : props.label}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
    >
      {props.children}
    </div>
  );
}
