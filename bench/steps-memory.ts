import type { CDPSession, Page } from '@playwright/test';
import { ui, type LoadedService } from '../tests/e2e/support/service-data';
import { currentStep, fillStep, startService } from './bench-journey';
import { snapshotHeapKinds, type HeapKinds } from './heap-snapshot';
import { headingText, timedStep } from './steps-page';

/**
 * The renderer's memory over many residents: whole sessions in one page without a reload (the
 * service, every question answered, then "Antrag abbrechen"), measured after a full garbage
 * collection on the start screen. Nodes alive but not in the document are what ended sessions
 * left behind (detached DOM trees).
 */
export interface MemoryPoint {
  session: number;
  heapBytes: number;
  /** Every DOM node alive in the renderer (DevTools' Memory.getDOMCounters). */
  domNodes: number;
  /** Those of them in the document. */
  documentNodes: number;
  /** The JS heap by kind, from a heap snapshot: compiled code apart from the objects (bench/heap-snapshot.ts). */
  kinds: HeapKinds;
}

async function measure(cdp: CDPSession, page: Page, session: number): Promise<MemoryPoint> {
  // Twice: the first collection's finalisers can free more for the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes } = await cdp.send('Memory.getDOMCounters');
  // No named function inside: the bench bundle's keepNames would wrap it in a helper the page lacks.
  const documentNodes = await page.evaluate(() => {
    let count = 0;
    const roots: Node[] = [document];
    while (roots.length > 0) {
      const walker = document.createTreeWalker(roots.pop()!, NodeFilter.SHOW_ALL);
      for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
        count += 1;
        if (node instanceof Element && node.shadowRoot) roots.push(node.shadowRoot);
      }
    }
    return count;
  });
  const kinds = await snapshotHeapKinds(cdp);
  return { session, heapBytes: usedSize, domNodes: nodes, documentNodes, kinds };
}

async function oneSession(page: Page, service: LoadedService): Promise<void> {
  const checkTitle = ui('de', 'check.title');
  await startService(page, service);
  for (let guard = 0; guard < 45; guard++) {
    if ((await headingText(page, 'h1')) === checkTitle) break;
    const step = await currentStep(page, service);
    if (!step) throw new Error('left the journey');
    await fillStep(page, service, step);
    await timedStep(page, { heading: 'h1', buttonText: ui('de', 'nav.continue') });
  }
  await endSession(page);
}

/** "Antrag abbrechen", "Ja, beenden": the start screen. */
export async function endSession(page: Page): Promise<void> {
  await page.getByRole('button', { name: ui('de', 'sessionCancel.label'), exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: ui('de', 'end.title') });
  await dialog.getByRole('button', { name: ui('de', 'end.confirm'), exact: true }).click();
  await page.waitForFunction((start) => document.querySelector('h1')?.textContent === start, ui('de', 'start.title'));
}

/** `sessions` sessions from the start screen; the memory after each session in `at`. */
export async function measureSessionsMemory(
  page: Page,
  service: LoadedService,
  sessions: number,
  at: readonly number[],
): Promise<MemoryPoint[]> {
  const cdp = await page.context().newCDPSession(page);
  const points: MemoryPoint[] = [];
  try {
    for (let session = 1; session <= sessions; session++) {
      await oneSession(page, service);
      if (at.includes(session)) points.push(await measure(cdp, page, session));
    }
  } finally {
    await cdp.detach();
  }
  return points;
}
