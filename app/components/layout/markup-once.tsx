// Markup that every page repeats and that depends on a few values only (the footer and the header's
// brand and menu: the language, the visitor's menu entries, which entry is the page shown). React's
// server renderer walks and writes each of their elements again for every document (ADR 0043): on
// the server, a part is rendered once per key (entry.server.tsx provides the renderer, with its
// bounded cache, app/utils/markup-once.server.ts) and its HTML written as the element's content;
// in the browser the part renders as usual and hydrates that very HTML.
//
// The rule for a part: its children render the same HTML for the same key, and need no context
// (no hooks reading the router, the language or anything a provider gives): what they need comes
// as props, and the key names every prop that changes the markup. Event handlers and refs are not
// markup: they only exist in the browser.
import { createContext, createElement, useContext, type ReactElement, type ReactNode } from "react";

/** Renders `element` to HTML once per `key` (the server's renderer); null in the browser. */
export type MarkupRenderer = (key: string, element: ReactElement) => string;

const MarkupOnceContext = createContext<MarkupRenderer | null>(null);

export const MarkupOnceProvider = MarkupOnceContext.Provider;

type Props = {
  tag: "div" | "footer";
  className: string;
  /** Every value the children's markup depends on. */
  markupKey: string;
  children: ReactElement;
};

/** `<tag className>{children}</tag>`, the children's HTML rendered once per key on the server. */
export function MarkupOnce({ tag, className, markupKey, children }: Props) {
  const render = useContext(MarkupOnceContext);
  if (!render) return createElement(tag, { className }, children);
  return createElement(tag, { className, dangerouslySetInnerHTML: { __html: render(markupKey, children) } });
}

type ServerHtmlProps = {
  tag: "li" | "nav";
  /** The wrapper's own attributes (React's names), the same on the server and in the browser. */
  attributes: { className: string; "aria-label"?: string };
  /** The children's HTML exactly as React's server renderer writes them (a unit test compares the two). */
  html: () => string;
  children: ReactNode;
};

/**
 * `<tag {...attributes}>{children}</tag>`, the children written as a string on the server (ADR 0046):
 * for markup that differs on every page (the catalogue's cards and page links) but that a plain
 * function can write faster than React's renderer walks it. The same rule as MarkupOnce: `html()`
 * returns the very HTML React renders for `children`, so the browser hydrates it as its own.
 */
export function ServerHtml({ tag, attributes, html, children }: ServerHtmlProps) {
  const render = useContext(MarkupOnceContext);
  if (!render) return createElement(tag, attributes, children);
  return createElement(tag, { ...attributes, dangerouslySetInnerHTML: { __html: html() } });
}

/** Whether this is the server's render (where <ServerHtml> writes its string): for parts that cannot take a wrapper element. */
export function useServerRender(): boolean {
  return useContext(MarkupOnceContext) !== null;
}
