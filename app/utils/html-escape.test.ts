import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "./html-escape.ts";

describe("escapeHtml", () => {
  it("escapes a text and an attribute value as React's server renderer does", () => {
    const pieces = ["", "a", "L'aula", '"citato"', "<b>", "&amp;", "Tom & Jerry", ">", "è à", "𝑥", " "];
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const texts = [...pieces, "'\"&<>", "&&&", "a<b>c"];
    for (let i = 0; i < 500; i++) {
      let text = "";
      for (let p = random(8); p > 0; p--) text += pieces[random(pieces.length)]!;
      texts.push(text);
    }
    for (const text of texts) {
      const html = escapeHtml(text);
      expect(renderToStaticMarkup(createElement("b", { title: text }, text || null))).toBe(
        `<b title="${html}">${html}</b>`,
      );
    }
  });
});
