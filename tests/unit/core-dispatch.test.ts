import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonLogger, type createMemoryLogger } from '../../core/logging';
import { openTestCore, removeDir, rowCounts, type TestCore } from '../fixtures/core-harness';

let kiosk: TestCore;
afterEach(() => {
  if (!kiosk) return;
  kiosk.close();
  removeDir(kiosk.dataDir);
});

const SECRET = 'Geheimnis-4711';

describe('dispatch', () => {
  it('unknown methods → unknown_method', async () => {
    kiosk = openTestCore();
    for (const method of ['session.delete', '__proto__', 'toString', 42, null]) {
      expect(await kiosk.core.dispatch(method, {})).toEqual({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('input failing the contract → invalid_input with path and message, never the value', async () => {
    kiosk = openTestCore();
    const view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
    const cases: unknown[] = [
      undefined,
      null,
      SECRET,
      { serviceId: 'test-feedback', language: SECRET },
      { serviceId: 'test-feedback', language: 'de', [SECRET]: 1 },
      { sessionId: view.sessionId, stepId: 'message', values: { message: SECRET.repeat(400) } },
      { sessionId: view.sessionId, stepId: 'message', values: { message: 12 } },
      { sessionId: view.sessionId, stepId: 'message', values: { message: { day: SECRET, month: '1', year: '2' } } },
      { sessionId: SECRET, stepId: 'message', values: {} },
      { sessionId: view.sessionId, stepId: 'message', values: { [SECRET]: 'a' } },
    ];
    for (const [index, input] of cases.entries()) {
      const method = index < 5 ? 'session.start' : 'session.answer';
      const result = await kiosk.call(method, input);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.detail).toMatch(/^[^:]+: /);
      expect(result.error.detail).not.toContain('Geheimnis');
    }
    const tooLong = await kiosk.call('session.answer', {
      sessionId: view.sessionId,
      stepId: 'message',
      values: { message: 'x'.repeat(5001) },
    });
    expect(tooLong).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', detail: expect.stringContaining('values.message') },
    });
    expect(rowCounts(kiosk.dataDir).drafts).toBe(0);
  });

  it('an unexpected exception becomes `internal` and is logged without values', async () => {
    kiosk = openTestCore();
    const view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
    await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'message', values: { message: SECRET } });
    // Corrupt the ciphertext behind the core's back: decryption fails inside the handler.
    const db = new Database(join(kiosk.dataDir, 'kiosk.db'));
    db.prepare("UPDATE sessions SET draft_ciphertext = x'00112233445566778899aabbccddeeff00'").run();
    db.close();
    const result = await kiosk.call('session.keepAlive', { sessionId: view.sessionId });
    expect(result).toEqual({ ok: false, error: { code: 'internal' } });
    const line = kiosk.logger.lines.find((entry) => entry.event === 'dispatch.internal_error');
    expect(line).toMatchObject({ level: 'error', method: 'session.keepAlive', errorClass: 'Error' });
    expect(JSON.stringify(kiosk.logger.lines)).not.toContain(SECRET);
  });
});

describe('logging', () => {
  it('writes JSON lines with whitelisted fields only', () => {
    const written: string[] = [];
    const logger = createJsonLogger((text) => written.push(text));
    logger.info('session.started', { sessionId: 'abc', serviceId: 'x', fullName: 'Erika', value: SECRET });
    expect(written).toHaveLength(1);
    expect(written[0]!.endsWith('\n')).toBe(true);
    const line = JSON.parse(written[0]!);
    expect(line).toMatchObject({
      level: 'info',
      event: 'session.started',
      sessionId: 'abc',
      serviceId: 'x',
      droppedFields: 2,
    });
    expect(written[0]).not.toContain(SECRET);
    expect(written[0]).not.toContain('Erika');
  });

  it('a whole journey logs no answer values', async () => {
    kiosk = openTestCore();
    const memory = kiosk.logger as ReturnType<typeof createMemoryLogger>;
    let view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'message',
      values: { message: SECRET },
    });
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'email',
      values: { email: 'geheim@example.org' },
    });
    await kiosk.value('session.submit', { sessionId: view.sessionId });
    await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'finished' });
    const text = JSON.stringify(memory.lines);
    expect(memory.lines.map((line) => line.event)).toEqual(
      expect.arrayContaining(['session.started', 'session.submitted', 'session.ended']),
    );
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('geheim@');
  });
});
