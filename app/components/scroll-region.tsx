import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * The box of a table that may be wider than a phone (Bootstrap's .table-responsive): it scrolls
 * sideways, so it is a named region that takes keyboard focus (WCAG 2.1.1, axe
 * scrollable-region-focusable). Name it by the table's caption (labelledBy) or a label.
 *
 * It takes the focus only while it is narrower than its table: a box that fits (a table on a wide
 * screen, one drawn as cards on a phone) would be a Tab stop that does nothing. The page comes from the
 * server focusable, so that without JavaScript every box can still be scrolled with the keyboard; once
 * hydrated, the box measures itself whenever it or its content changes size.
 */
export function ScrollRegion(props: { labelledBy?: string; label?: string; className?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(true);
  useEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    measure();
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={box}
      className={`table-responsive${props.className ? ` ${props.className}` : ""}`}
      role="region"
      aria-labelledby={props.labelledBy}
      aria-label={props.labelledBy ? undefined : props.label}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={scrolls ? 0 : undefined}
    >
      {props.children}
    </div>
  );
}
