// A checkbox that stands alone in a table cell (the bulk move's people, the trainer's activity grid) must be
// seen and hit: its box at least 24×24 CSS px (the target size of WCAG 2.2's 2.5.8) and its border at least
// 3:1 against what is behind it (WCAG 1.4.11 non-text contrast). Measured in the page: the drawn box
// (getBoundingClientRect) and the computed border colour over the nearest background that is not transparent.
import { expect, type Locator } from "@playwright/test";

type Measure = { name: string; width: number; height: number; contrast: number; checked: boolean };

/** Each checkbox of `checkboxes`: its size and its border's contrast (tested in the page). */
export async function expectVisibleCheckboxes(checkboxes: Locator): Promise<void> {
  const measures: Measure[] = await checkboxes.evaluateAll((inputs) => {
    const rgba = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const [R, G, B] = [r, g, b].map((c) => {
        const v = c / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
    };
    /** The first background colour that is not transparent, from the cell up (white if none). */
    const backgroundOf = (element: Element): number[] => {
      for (let el: Element | null = element; el; el = el.parentElement) {
        const [r = 0, g = 0, b = 0, a = 1] = rgba(getComputedStyle(el).backgroundColor);
        if (a > 0) return [r, g, b];
      }
      return [255, 255, 255];
    };
    return (inputs as HTMLInputElement[]).map((input) => {
      const style = getComputedStyle(input);
      const box = input.getBoundingClientRect();
      const behind = backgroundOf(input.parentElement!);
      // A border with some transparency is drawn over what is behind it.
      const [r = 0, g = 0, b = 0, a = 1] = rgba(style.borderTopColor);
      const border = [r, g, b].map((c, i) => c * a + behind[i]! * (1 - a));
      const [light, dark] = [luminance(border), luminance(behind)].sort((x, y) => y - x);
      return {
        name: input.getAttribute("aria-label") ?? input.id,
        width: box.width,
        height: box.height,
        contrast: (light! + 0.05) / (dark! + 0.05),
        checked: input.checked,
      };
    });
  });
  expect(measures.length, "checkboxes to measure").toBeGreaterThan(0);
  expect(
    measures.some((m) => !m.checked),
    "an unticked checkbox among them",
  ).toBe(true);
  for (const m of measures) {
    expect(m.width, `width of "${m.name}"`).toBeGreaterThanOrEqual(24);
    expect(m.height, `height of "${m.name}"`).toBeGreaterThanOrEqual(24);
    expect(m.contrast, `border contrast of "${m.name}"${m.checked ? " (ticked)" : ""}`).toBeGreaterThanOrEqual(3);
  }
}
