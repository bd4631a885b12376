import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../contract';
import { normalizeReference } from '../../core/reference';
import type { ReceiptPrinter } from '../../core/types';
import { openTestCore, PROJECT_RESOURCES, removeDir, type TestCore } from '../fixtures/core-harness';
import { pdfInfo, pdfToText } from '../fixtures/receipt-harness';

/**
 * session.receipt and session.printReceipt against the real core (real
 * SQLite, the shipped services and receipt texts): a PDF only for a session on
 * its confirmation page, with its reference and nothing the resident typed.
 */

const CANARY = 'Kanarienvogel-5521';
const ANSWERS: [string, Record<string, unknown>][] = [
  ['category', { category: 'strassenschaden' }],
  ['place', { location: `Am Sande ${CANARY}` }],
  ['description', { description: `Schlagloch ${CANARY}` }],
  ['feedback', { wantsFeedback: 'nein' }],
];

let kiosk: TestCore;
afterEach(() => {
  if (!kiosk) return;
  kiosk.close();
  removeDir(kiosk.dataDir);
});

function open(printer?: ReceiptPrinter): TestCore {
  kiosk = openTestCore({ resourcesDir: PROJECT_RESOURCES, ...(printer ? { receiptPrinter: printer } : {}) });
  return kiosk;
}

async function toCheck(language: 'de' | 'en' = 'de'): Promise<SessionView> {
  let view = await kiosk.value('session.start', { serviceId: 'maengel-melden', language });
  for (const [stepId, values] of ANSWERS) {
    view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values });
  }
  expect(view.position.kind).toBe('check');
  return view;
}

async function submitted(language: 'de' | 'en' = 'de'): Promise<{ view: SessionView; reference: string }> {
  const view = await kiosk.value('session.submit', { sessionId: (await toCheck(language)).sessionId });
  if (view.position.kind !== 'confirmation') throw new Error('not on the confirmation page');
  return { view, reference: view.position.reference };
}

/** Writes the PDF where poppler can read it; returns the file. */
function pdfFile(bytes: Buffer, name: string): string {
  const file = join(kiosk.dataDir, '..', `${name}-${randomUUID()}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

function textLines(file: string): string[] {
  return pdfToText(file)
    .split('\n')
    .map((line) => line.trim());
}

describe('session.receipt', () => {
  it('returns the A4 PDF after submit: reference, service, German texts, nothing typed', async () => {
    open();
    const { view, reference } = await submitted();
    const receipt = await kiosk.value('session.receipt', { sessionId: view.sessionId, layout: 'a4' });
    expect(receipt.fileName).toBe(`receipt-${reference}-a4.pdf`);
    const bytes = Buffer.from(receipt.pdfBase64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = pdfFile(bytes, 'a4');
    try {
      const lines = textLines(file);
      expect(lines.some((line) => normalizeReference(line) === reference)).toBe(true);
      const text = lines.join('\n');
      expect(text).toContain('Mängel melden');
      expect(text).toContain('Vorgangsnummer');
      expect(text).not.toContain(CANARY);
      expect(pdfInfo(file)['Page size']).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    } finally {
      removeDir(file);
    }
    expect(kiosk.logger.lines).toContainEqual(
      expect.objectContaining({ event: 'receipt.made', sessionId: view.sessionId, layout: 'a4' }),
    );
  });

  it('makes the 80 mm layout in the session language', async () => {
    open();
    const { view, reference } = await submitted('en');
    const receipt = await kiosk.value('session.receipt', { sessionId: view.sessionId, layout: 'receipt80' });
    const file = pdfFile(Buffer.from(receipt.pdfBase64, 'base64'), 'receipt80');
    try {
      const lines = textLines(file);
      expect(lines.some((line) => normalizeReference(line) === reference)).toBe(true);
      expect(lines.join('\n')).toContain('Report a problem');
      // 80 mm = 226.77 pt wide.
      expect(pdfInfo(file)['Page size']).toMatch(/^226\.77\d* x /);
    } finally {
      removeDir(file);
    }
  });

  it('counts as activity: it renews the idle window', async () => {
    open();
    const { view } = await submitted();
    kiosk.clock.advance(100_000);
    await kiosk.value('session.receipt', { sessionId: view.sessionId, layout: 'a4' });
    kiosk.clock.advance(100_000);
    expect((await kiosk.value('session.resume', {}))?.sessionId).toBe(view.sessionId);
  });

  it('is refused before submit: on a question and on the check page', async () => {
    open();
    const started = await kiosk.value('session.start', { serviceId: 'maengel-melden', language: 'de' });
    expect(await kiosk.call('session.receipt', { sessionId: started.sessionId, layout: 'a4' })).toMatchObject({
      ok: false,
      error: { code: 'not_reachable' },
    });
    const check = await toCheck();
    expect(await kiosk.call('session.receipt', { sessionId: check.sessionId, layout: 'receipt80' })).toMatchObject({
      ok: false,
      error: { code: 'not_reachable' },
    });
  });

  it('is refused for unknown and ended sessions', async () => {
    open();
    expect(await kiosk.call('session.receipt', { sessionId: randomUUID(), layout: 'a4' })).toMatchObject({
      ok: false,
      error: { code: 'no_session' },
    });
    const { view } = await submitted();
    expect(await kiosk.call('session.receipt', { sessionId: randomUUID(), layout: 'a4' })).toMatchObject({
      ok: false,
      error: { code: 'session_mismatch' },
    });
    await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'finished' });
    expect(await kiosk.call('session.receipt', { sessionId: view.sessionId, layout: 'a4' })).toMatchObject({
      ok: false,
      error: { code: 'no_session' },
    });
  });

  it('validates its input at the boundary', async () => {
    open();
    const { view } = await submitted();
    const bad: unknown[] = [
      undefined,
      {},
      { sessionId: view.sessionId },
      { sessionId: view.sessionId, layout: 'a5' },
      { sessionId: view.sessionId, layout: 'A4' },
      { sessionId: 'not-a-uuid', layout: 'a4' },
      { sessionId: view.sessionId, layout: 'a4', language: 'en' },
    ];
    for (const input of bad) {
      expect(await kiosk.call('session.receipt', input), JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(await kiosk.call('session.printReceipt', { sessionId: view.sessionId, layout: 'a4' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('is made lazily: a core without receipt texts opens, and only the receipt fails (internal)', async () => {
    // The test fixtures have services but no receipt/ texts.
    kiosk = openTestCore();
    let view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'message',
      values: { message: 'x' },
    });
    view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'email', values: {} });
    view = await kiosk.value('session.submit', { sessionId: view.sessionId });
    expect(await kiosk.call('session.receipt', { sessionId: view.sessionId, layout: 'a4' })).toEqual({
      ok: false,
      error: { code: 'internal' },
    });
  });
});

describe('session.printReceipt', () => {
  function fakePrinter(fail = false) {
    const jobs: Buffer[] = [];
    const printer: ReceiptPrinter = {
      layout: 'receipt80',
      async print(pdf) {
        if (fail) throw new Error('printer out of paper');
        jobs.push(pdf);
      },
    };
    return { printer, jobs };
  }

  it("prints the receipt in the printer's layout", async () => {
    const { printer, jobs } = fakePrinter();
    open(printer);
    const { view, reference } = await submitted();
    expect(await kiosk.value('session.printReceipt', { sessionId: view.sessionId })).toEqual({ printed: true });
    expect(jobs).toHaveLength(1);
    const file = pdfFile(jobs[0]!, 'printed');
    try {
      expect(textLines(file).some((line) => normalizeReference(line) === reference)).toBe(true);
      expect(pdfInfo(file)['Page size']).toMatch(/^226\.77\d* x /);
    } finally {
      removeDir(file);
    }
  });

  it('prints nothing before submit', async () => {
    const { printer, jobs } = fakePrinter();
    open(printer);
    const check = await toCheck();
    expect(await kiosk.call('session.printReceipt', { sessionId: check.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'not_reachable' },
    });
    expect(jobs).toHaveLength(0);
  });

  it('reports a failing printer as internal, and logs it without details', async () => {
    open(fakePrinter(true).printer);
    const { view } = await submitted();
    expect(await kiosk.call('session.printReceipt', { sessionId: view.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(kiosk.logger.lines).toContainEqual(
      expect.objectContaining({ event: 'receipt.print_failed', errorClass: 'Error' }),
    );
    expect(JSON.stringify(kiosk.logger.lines)).not.toContain('out of paper');
  });

  it('is refused where the terminal has no printer (browser mode)', async () => {
    open();
    const { view } = await submitted();
    expect(await kiosk.call('session.printReceipt', { sessionId: view.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
