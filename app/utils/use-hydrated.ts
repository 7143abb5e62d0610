import { useEffect, useState } from "react";

/**
 * False on the server's page and until the browser has run the page's scripts, then true. A field
 * that only scripts can show or hide when another field changes is rendered while this is false, so
 * a page without JavaScript (or before it loads) still offers it.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    setHydrated(true);
  }, []);
  return hydrated;
}
