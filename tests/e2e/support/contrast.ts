import { expect, type Page } from '@playwright/test';

/** WCAG 1.4.6 (AAA), DESIGN §4: all text at least 7:1 against what is behind it. */
export const MIN_TEXT_CONTRAST = 7;

export interface ContrastProblem {
  text: string;
  foreground: string;
  background: string;
  ratio: number;
}

type Rgba = [number, number, number, number];

/** Relative luminance of an sRGB colour (WCAG 2.x). */
export function luminance([r, g, b]: readonly number[]): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
}

/** WCAG contrast ratio of two opaque sRGB colours, 1 to 21. */
export function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `over` laid on an opaque `under` (alpha compositing). */
export function composite(over: Rgba, under: Rgba): Rgba {
  const alpha = over[3];
  return [0, 1, 2].map((i) => over[i]! * alpha + under[i]! * (1 - alpha)).concat(1) as Rgba;
}

/**
 * Every visible text in the page, with its rendered colour and the background behind it: the first
 * opaque background-color up the ancestors, with any translucent ones on the way composited over it
 * (and the page white at the very top). Text behind an open dialog (aria-hidden or inert) is not
 * seen and not checked; other aria-hidden text is seen, so it is checked. Visually hidden text for
 * screen readers and disabled controls are not checked.
 * Elements with a background image are reported, as their contrast cannot be computed this way.
 */
export async function measureTextContrast(page: Page): Promise<(ContrastProblem & { element: string })[]> {
  const samples = await page.evaluate(() => {
    const parse = (value: string): [number, number, number, number] => {
      const match = /rgba?\(([^)]+)\)/.exec(value);
      if (!match) return [0, 0, 0, 0];
      const parts = match[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${Array.from(el.classList).join('.')}` : ''}`;
    const out: {
      text: string;
      element: string;
      fg: [number, number, number, number];
      layers: [number, number, number, number][];
      image: boolean;
    }[] = [];
    const dialogs = Array.from(document.querySelectorAll('[role=dialog],[role=alertdialog]'));
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const el = node.parentElement;
      if (!text || !el || seen.has(el)) continue;
      seen.add(el);
      if (el.closest('[inert],.visually-hidden,:disabled,script,style,template')) continue;
      // aria-hidden text is still seen (the large reference number, the icons' glyphs): it is checked,
      // unless a dialog is open and it is behind it (react-aria hides the page behind a modal this way).
      if (el.closest('[aria-hidden=true]') && dialogs.length > 0 && !dialogs.some((dialog) => dialog.contains(el))) {
        continue;
      }
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible' || style.display === 'none' || Number(style.opacity) === 0) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue;
      const layers: [number, number, number, number][] = [];
      let image = false;
      for (let up: Element | null = el; up; up = up.parentElement) {
        const upStyle = getComputedStyle(up);
        if (upStyle.backgroundImage !== 'none') image = true;
        const bg = parse(upStyle.backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      out.push({ text: text.slice(0, 50), element: describe(el), fg: parse(style.color), layers, image });
    }
    return out;
  });
  const results: (ContrastProblem & { element: string })[] = [];
  const hex = (c: readonly number[]) =>
    `#${c
      .slice(0, 3)
      .map((v) => Math.round(v).toString(16).padStart(2, '0'))
      .join('')}`;
  for (const sample of samples) {
    let background: Rgba = [255, 255, 255, 1];
    for (const layer of [...sample.layers].reverse()) background = composite(layer, background);
    const foreground = composite(sample.fg, background);
    results.push({
      text: sample.text,
      element: sample.element,
      foreground: hex(foreground),
      background: sample.image ? `${hex(background)} (with a background image)` : hex(background),
      ratio: Math.round(contrastRatio(foreground, background) * 100) / 100,
    });
  }
  return results;
}

/** Texts below `min`:1 (soft assertion, so one run lists every problem). */
export async function expectTextContrast(page: Page, screenName: string, min = MIN_TEXT_CONTRAST): Promise<void> {
  const low = (await measureTextContrast(page)).filter((sample) => sample.ratio < min);
  const readable = low.map((p) => `"${p.text}" (${p.element}): ${p.foreground} on ${p.background} = ${p.ratio}:1`);
  expect.soft(readable, `text below ${min}:1 on screen "${screenName}"`).toEqual([]);
}
