// One section of the profile page (/profilo): a heading that names it (its id is the anchor the
// page's redirects come back to), the confirmation of what was just done there, then its content.
import type { ReactNode } from "react";
import { OutcomeNotice } from "./outcome-notice.tsx";

export function ProfileSection({
  id,
  title,
  done,
  children,
}: {
  id: string;
  title: string;
  /** What was just saved in this section (its OutcomeNotice; the page's title starts with it too), if anything. */
  done?: string | null;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="mb-5">
      <h2 id={id} className="h3">
        {title}
      </h2>
      {done ? <OutcomeNotice level={3}>{done}</OutcomeNotice> : null}
      {children}
    </section>
  );
}
