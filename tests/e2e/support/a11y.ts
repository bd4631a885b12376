import { expect, type Page } from '@playwright/test';
import { axeViolations } from './axe-run';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** DESIGN §4: targets of at least 44×44 (AAA 2.5.5); we ask 48, and 64 high for primary actions. */
export const MIN_TARGET_PX = 48;
export const MIN_PRIMARY_HEIGHT_PX = 64;

export interface TargetProblem {
  what: string;
  width: number;
  height: number;
  needed: string;
}

/**
 * Measures every visible interactive element in the page.
 * Exceptions, on purpose:
 * - A native radio/checkbox that is visually hidden (react-aria's VisuallyHidden, 1×1 px) is not the
 *   touch target: its wrapping <label> is, so the label's box is measured instead.
 * - Links inside running text (a <p> or <li> with other text) are exempt, as WCAG 2.5.8 exempts inline targets.
 */
export async function measureTargets(page: Page, primaryNames: string[]): Promise<TargetProblem[]> {
  return page.evaluate(
    ({ minPx, minPrimary, primaryNames }) => {
      const selector = [
        'button',
        'a[href]',
        'input:not([type=hidden])',
        'select',
        'textarea',
        '[role=button]',
        '[role=link]',
        '[role=radio]',
        '[role=checkbox]',
        '[role=switch]',
        '[role=tab]',
        '[role=menuitem]',
        '[role=option]',
        '[role=spinbutton]',
      ].join(',');
      const problems: { what: string; width: number; height: number; needed: string }[] = [];
      const seen = new Set<Element>();
      const describe = (el: Element) => {
        const name = (el.getAttribute('aria-label') || (el as HTMLElement).innerText || el.getAttribute('name') || '')
          .trim()
          .replace(/\s+/g, ' ')
          .slice(0, 60);
        return `<${el.tagName.toLowerCase()}${el.getAttribute('role') ? ` role=${el.getAttribute('role')}` : ''}> "${name}"`;
      };
      for (const el of Array.from(document.querySelectorAll(selector))) {
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none') continue;
        if (el.closest('[aria-hidden=true],[inert]')) continue;
        let target: Element = el;
        let rect = el.getBoundingClientRect();
        if (rect.width <= 2 || rect.height <= 2) {
          // Visually hidden native control: the clickable area is its label.
          const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
          if (!label) {
            if (rect.width === 0 && rect.height === 0) continue; // not rendered (e.g. collapsed)
            problems.push({ what: describe(el), width: rect.width, height: rect.height, needed: 'a visible target' });
            continue;
          }
          target = label;
          rect = label.getBoundingClientRect();
        }
        if (seen.has(target)) continue;
        seen.add(target);
        if (el.tagName === 'A') {
          const block = el.parentElement;
          const inline =
            block &&
            /^(P|LI|SPAN|DD)$/.test(block.tagName) &&
            (block.textContent ?? '').trim().length > (el.textContent ?? '').trim().length;
          if (inline) continue;
        }
        const name = describe(el);
        const isPrimary = primaryNames.some((primary) => name.includes(`"${primary}`));
        const minHeight = isPrimary ? minPrimary : minPx;
        if (rect.width < minPx - 0.5 || rect.height < minHeight - 0.5) {
          problems.push({
            what: describe(target === el ? el : target) + (target === el ? '' : ` (label of ${describe(el)})`),
            width: Math.round(rect.width),
            height: Math.round(rect.height),
            needed: `${minPx}×${minHeight}`,
          });
        }
      }
      return problems;
    },
    { minPx: MIN_TARGET_PX, minPrimary: MIN_PRIMARY_HEIGHT_PX, primaryNames },
  );
}

/**
 * axe (WCAG 2.2 AA tags) must find nothing, and every target must be big enough.
 * `axe: false` measures the targets only (cheaper, for large matrices).
 */
export async function checkA11y(
  page: Page,
  screenName: string,
  primaryNames: string[] = [],
  options: { axe?: boolean } = {},
): Promise<void> {
  if (options.axe !== false) await expectNoAxeViolations(page, screenName);
  const small = await measureTargets(page, primaryNames);
  const readableSmall = small.map((p) => `${p.what}: ${p.width}×${p.height}, needs ${p.needed}`);
  expect.soft(readableSmall, `targets below minimum on screen "${screenName}"`).toEqual([]);
}

/** axe with the WCAG 2.2 AA tags finds nothing (soft assertion). */
export async function expectNoAxeViolations(page: Page, screenName: string): Promise<void> {
  const violations = await axeViolations(page, AXE_TAGS);
  const readable = violations.map(
    (violation) =>
      `[${violation.impact}] ${violation.id}: ${violation.help}\n` +
      violation.nodes
        .map((node) => `    ${node.target.join(' ')} ${node.html} — ${node.failureSummary?.split('\n').join(' ')}`)
        .join('\n'),
  );
  expect.soft(readable, `axe violations on screen "${screenName}"`).toEqual([]);
}
