// The server's side of <MarkupOnce> (app/components/layout/markup-once.tsx, ADR 0043): a part's
// HTML rendered by React's own server renderer once per key and kept. The keys are few (two
// languages × the menus a visitor can have × the menu entry that is the page shown); the cache is
// bounded all the same, so that a key made by mistake from a per-request value cannot grow it.
import { renderToString } from "react-dom/server";
import type { MarkupRenderer } from "~/components/layout/markup-once.tsx";
import { BoundedCache } from "./bounded-cache.ts";

const rendered = new BoundedCache<string, string>(256);

/**
 * React supports a synchronous render inside another one (it restores the outer render's context
 * when it leaves); the parts render no hooks that would need the outer component's state.
 */
export const renderMarkupOnce: MarkupRenderer = (key, element) => rendered.getOrSet(key, () => renderToString(element));
