import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { LANGUAGE_CODES, languageEntry } from '../../../contract';
import { AXE_TAGS, measureTargets } from './a11y';
import { axeViolations } from './axe-run';
import { measureTextContrast, MIN_TEXT_CONTRAST } from './contrast';
import { CONTRASTS, TEXT_SIZES, measureHorizontalOverflow, setDisplay, type Contrast, type TextSize } from './display';
import type { KioskDriver } from './journey-driver';
import { ARTIFACTS_DIR } from './paths';
import { ui, type Lang } from './service-data';

/**
 * Issue 4's accessibility matrix: screen × language × theme × text size. On the screen in front of
 * it, `A11yMatrix` switches to a (language, theme, size) combination the way a resident does (the
 * header's language menu, which keeps the answers; on the start screen its language buttons; the
 * "Anzeige" dialog) and runs the four checks on the whole page: axe (WCAG 2.2 A/AA tags), no
 * horizontal scrolling, targets ≥ 48×48 px (primary actions ≥ 64 px high) and text contrast ≥ 7:1
 * from the rendered colours. Failures are returned as text naming screen, language, theme and size,
 * so one run lists every problem of the matrix.
 */

export interface Combo {
  lang: Lang;
  contrast: Contrast;
  textSize: TextSize;
}

export const LANGS: readonly Lang[] = LANGUAGE_CODES;

/** All 48 combinations, language by language, the six display settings of each in "snake" order
 * (one setting changes at a time, so the matrix opens "Anzeige" as seldom as possible). */
export const ALL_COMBOS: readonly Combo[] = LANGS.flatMap((lang, langIndex) => {
  const displays: { contrast: Contrast; textSize: TextSize }[] = [];
  for (const contrast of CONTRASTS) {
    const sizes = contrast === CONTRASTS[0] ? TEXT_SIZES : [...TEXT_SIZES].reverse();
    for (const textSize of sizes) displays.push({ contrast, textSize });
  }
  return (langIndex % 2 === 0 ? displays : displays.reverse()).map((display) => ({ lang, ...display }));
});

/**
 * The k-th combination of the sampled design. Language cycles with period 8 and size with period 3
 * (coprime, so 24 consecutive k give every language × size pair); the theme alternates and the
 * alternation flips every 24, so any 48 consecutive k give all 48 combinations exactly once.
 */
export function rotatingCombo(k: number): Combo {
  const lang = LANGS[k % LANGS.length]!;
  const textSize = TEXT_SIZES[k % TEXT_SIZES.length]!;
  const contrast = CONTRASTS[(k + Math.floor(k / 24)) % 2]!;
  return { lang, contrast, textSize };
}

export function comboLabel(combo: Combo): string {
  const size = { normal: '100%', large: '133%', xlarge: '200%' }[combo.textSize];
  return `${combo.lang} · ${combo.contrast === 'high' ? 'high contrast' : 'normal contrast'} · ${size}`;
}

export function sameCombo(a: Combo, b: Combo): boolean {
  return a.lang === b.lang && a.contrast === b.contrast && a.textSize === b.textSize;
}

export interface CheckRecord {
  screen: string;
  combo: Combo;
  failures: string[];
  /** Time taken by the measurements, axe and the screenshot (not the switching), in ms. */
  ms?: { audit: number; axe: number; screenshot: number };
}

export interface AuditOptions {
  /** axe is the costly check; targets, reflow and contrast are always measured. */
  axe?: boolean;
  /** Also keep a full-page screenshot: tests/artifacts/screens/a11y/<screen>/<lang>-<theme>-<size>.png. */
  screenshot?: boolean;
}

function fileSafe(text: string): string {
  return text.replace(/[^\w.-]+/g, '_');
}

export class A11yMatrix {
  readonly records: CheckRecord[] = [];

  constructor(
    readonly page: Page,
    readonly driver: KioskDriver,
    /** Called after every check (e.g. to log the progress of a long run). */
    private readonly onRecord?: (record: CheckRecord) => void,
  ) {}

  /** What the page shows now, read from <html> (so a reset by the kiosk, e.g. after "Fertig", is seen). */
  async current(): Promise<Combo> {
    return this.page.evaluate(() => ({
      lang: document.documentElement.lang,
      contrast: document.documentElement.dataset.contrast ?? 'normal',
      textSize: document.documentElement.dataset.textSize ?? 'normal',
    })) as Promise<Combo>;
  }

  /** Changes language as a resident does; answers given so far stay (the core keeps them). */
  async setLanguage(lang: Lang): Promise<void> {
    const page = this.page;
    const from = (await this.current()).lang;
    if (from === lang) {
      this.driver.lang = lang;
      return;
    }
    const menuButton = page.getByRole('button', {
      name: ui(from, 'language.current', { name: ui(from, 'language.nativeName') }),
      exact: true,
    });
    const nativeName = languageEntry(lang).nativeName;
    if ((await menuButton.count()) > 0) {
      // In a session: the header's language menu.
      await menuButton.click();
      const dialog = page.getByRole('dialog', { name: ui(from, 'language.dialogTitle') });
      await dialog.getByRole('button', { name: nativeName, exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(
        page.getByRole('button', { name: ui(lang, 'language.current', { name: nativeName }), exact: true }),
      ).toBeVisible();
    } else {
      // The start screen: its language buttons.
      await page.getByRole('button', { name: nativeName, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui(lang, 'start.title'));
    }
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('html')).toHaveAttribute('dir', languageEntry(lang).dir);
    this.driver.lang = lang;
  }

  /** Language first (its texts load on demand), then only the display settings that differ. */
  async apply(combo: Combo): Promise<void> {
    await this.setLanguage(combo.lang);
    const now = await this.current();
    const choice = {
      ...(now.textSize !== combo.textSize ? { textSize: combo.textSize } : {}),
      ...(now.contrast !== combo.contrast ? { contrast: combo.contrast } : {}),
    };
    if (choice.textSize || choice.contrast) await setDisplay(this.page, choice, { lang: combo.lang });
  }

  /** The four checks on the page as it is now; records and returns the failures. */
  async audit(screen: string, combo: Combo, options: AuditOptions = {}): Promise<string[]> {
    const page = this.page;
    const where = `[${screen} | ${comboLabel(combo)}]`;
    const failures: string[] = [];
    const t0 = Date.now();
    const shown = await this.current();
    if (!sameCombo(shown, combo)) failures.push(`${where} setting not applied, page shows ${comboLabel(shown)}`);

    const overflow = await measureHorizontalOverflow(page);
    if (overflow.scrollWidth > overflow.viewportWidth) {
      failures.push(`${where} horizontal scroll: page ${overflow.scrollWidth} px wide in ${overflow.viewportWidth}`);
    }
    for (const offender of overflow.offenders) failures.push(`${where} sticks out of the viewport: ${offender}`);

    const primary = [
      'nav.continue',
      'check.submit',
      'confirmation.done',
      'servicePages.startNow',
      'servicePages.backToCheck',
    ].map((key) => ui(combo.lang, key));
    for (const small of await measureTargets(page, primary)) {
      failures.push(`${where} target ${small.what}: ${small.width}×${small.height}, needs ${small.needed}`);
    }

    for (const low of (await measureTextContrast(page)).filter((sample) => sample.ratio < MIN_TEXT_CONTRAST)) {
      failures.push(
        `${where} contrast "${low.text}" (${low.element}): ${low.foreground} on ${low.background} = ${low.ratio}:1`,
      );
    }

    const t1 = Date.now();
    if (options.axe !== false) {
      // The same rules and the same in-page run as support/a11y.ts (support/axe-run.ts).
      const violations = await axeViolations(page, AXE_TAGS);
      for (const violation of violations) {
        const nodes = violation.nodes.map((node) => node.target.join(' ')).join(', ');
        failures.push(`${where} axe ${violation.id} [${violation.impact}]: ${violation.help} — ${nodes}`);
      }
    }

    const t2 = Date.now();
    if (options.screenshot) await this.screenshot(screen, combo);
    const ms = { audit: t1 - t0, axe: t2 - t1, screenshot: Date.now() - t2 };
    const record = { screen, combo, failures, ms };
    this.records.push(record);
    this.onRecord?.(record);
    return failures;
  }

  /** Switch to `combo` on this screen, then audit it. */
  async check(screen: string, combo: Combo, options: AuditOptions = {}): Promise<string[]> {
    await this.apply(combo);
    return this.audit(screen, combo, options);
  }

  /**
   * A dialog (help, language menu, "Anzeige", end confirmation): the combination is set with the
   * dialog closed (the page behind a modal cannot be operated), then the dialog is opened, audited
   * (the page behind it is inert, so the checks see the dialog) and closed again.
   */
  async checkDialog(
    screen: string,
    combo: Combo,
    open: () => Promise<void>,
    close: () => Promise<void>,
    options: AuditOptions = {},
  ): Promise<string[]> {
    await this.apply(combo);
    await open();
    try {
      return await this.audit(screen, combo, options);
    } finally {
      await close();
    }
  }

  async screenshot(screen: string, combo: Combo): Promise<string> {
    const dir = join(ARTIFACTS_DIR, 'screens', 'a11y', ...screen.split('/').map(fileSafe));
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${fileSafe(combo.lang)}-${combo.contrast}-${combo.textSize}.png`);
    // A dialog is fixed to the screen: the viewport shows it as the resident sees it (a full-page
    // shot would show the page below the fold without the dialog's backdrop).
    const dialogOpen = (await this.page.locator('[role=dialog],[role=alertdialog]').count()) > 0;
    // CI takes the viewport only, as support/snap.ts does (a full-page capture costs some five times as much).
    await this.page.screenshot({ path, fullPage: !dialogOpen && !process.env.CI, animations: 'disabled' });
    return path;
  }

  failures(): string[] {
    return this.records.flatMap((record) => record.failures);
  }
}
