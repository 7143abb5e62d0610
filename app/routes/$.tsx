// Any address no other route matches: a 404 thrown from a loader, so the root loader runs too and
// the error page (app/root.tsx ErrorBoundary) speaks the interface's language, title included.
export function loader() {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
