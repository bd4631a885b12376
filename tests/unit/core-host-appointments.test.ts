import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnswerInput } from '../../contract';
import { runCoreHost } from '../../core/host/core-host';
import { createMemoryLogger } from '../../core/logging';
import { openKioskCore } from '../../core/kiosk-core';
import type { KioskCoreOptions } from '../../core/types';
import { BUERGERBUERO, START_MS, startTestServer, type TestServer } from '../fixtures/appointments-harness';
import { FakeClock, PROJECT_RESOURCES, removeDir, tempDir } from '../fixtures/core-harness';

/**
 * The Electron path of booking (issue 16): the main process cannot hand a client object to the core process, so
 * it sends the appointment settings in an `appointments` frame and the host builds the client there. Run here with
 * the host in this process over a plain frame port (Electron's utilityProcess cannot run in these tests), the real
 * core on a real SQLite file, and the reference appointment server on 127.0.0.1.
 */
let server: TestServer | undefined;
const dirs: string[] = [];
let closeHost: (() => void) | undefined;
afterEach(async () => {
  closeHost?.();
  closeHost = undefined;
  await server?.stop();
  server = undefined;
  dirs.splice(0).forEach(removeDir);
});

const PASS_ANSWERS: [string, Record<string, AnswerInput>][] = [
  ['kind', { kind: 'privat' }],
  ['copies', { copies: '1' }],
  ['family-name', { familyName: 'Mustermann' }],
  ['given-names', { givenNames: 'Erika' }],
  ['date-of-birth', { dateOfBirth: { day: '12', month: '8', year: '1964' } }],
];

describe('the appointments frame', () => {
  it('gives the core process a client built from the settings, and the visit can book', async () => {
    server = await startTestServer();
    const dataDir = tempDir('kiosk-host-booking-');
    dirs.push(dataDir);
    const listeners: Array<(frame: unknown) => void> = [];
    const sent: Array<Record<string, unknown>> = [];
    const port = {
      send: (frame: unknown) => sent.push(frame as Record<string, unknown>),
      onFrame: (listener: (frame: unknown) => void) => listeners.push(listener),
    };
    const toHost = (frame: unknown) => listeners.forEach((listener) => listener(frame));
    const open = (options: KioskCoreOptions) =>
      openKioskCore({ ...options, clock: new FakeClock(START_MS), speech: { warmUpAfterMs: null } });
    runCoreHost(port, { open, logger: createMemoryLogger() });
    closeHost = () => toHost({ kind: 'close' });

    toHost({ kind: 'masterKey', keyBase64: randomBytes(32).toString('base64') });
    toHost({
      kind: 'open',
      options: { dataDir, resourcesDir: PROJECT_RESOURCES, mode: 'electron', appointmentsLater: true },
    });
    expect(sent.find((frame) => frame.kind === 'ready')).toBeDefined();
    toHost({
      kind: 'appointments',
      config: {
        baseUrl: server.server.apiUrl,
        timeoutMs: 2000,
        services: { fuehrungszeugnis: { serviceId: 20004, officeIds: [BUERGERBUERO] } },
      },
    });

    let id = 0;
    const call = async (method: string, input: unknown) => {
      const callId = ++id;
      toHost({ kind: 'call', id: callId, method, input });
      const frame = await vi.waitFor(() => {
        const found = sent.find((candidate) => candidate.kind === 'result' && candidate.id === callId);
        if (!found) throw new Error('not yet');
        return found;
      });
      const result = frame.result as { ok: boolean; value: Record<string, unknown> };
      expect(result.ok).toBe(true);
      return result.value;
    };
    const view = await call('session.start', { serviceId: 'fuehrungszeugnis', language: 'de' });
    for (const [stepId, values] of PASS_ANSWERS) {
      await call('session.answer', { sessionId: view.sessionId, stepId, values });
    }
    const visit = await call('visit.prepare', { sessionId: view.sessionId });
    expect(visit.appointments).toBe('bookable');
    expect(await call('appointment.days', {})).toMatchObject({ outcome: 'ok' });
  });

  it('a null frame means no booking: the visit says "off"', async () => {
    const dataDir = tempDir('kiosk-host-booking-');
    dirs.push(dataDir);
    const listeners: Array<(frame: unknown) => void> = [];
    const sent: Array<Record<string, unknown>> = [];
    runCoreHost(
      { send: (frame) => sent.push(frame as Record<string, unknown>), onFrame: (l) => listeners.push(l) },
      {
        open: (options) => openKioskCore({ ...options, speech: { warmUpAfterMs: null } }),
        logger: createMemoryLogger(),
      },
    );
    const toHost = (frame: unknown) => listeners.forEach((listener) => listener(frame));
    closeHost = () => toHost({ kind: 'close' });
    toHost({ kind: 'masterKey', keyBase64: randomBytes(32).toString('base64') });
    toHost({
      kind: 'open',
      options: { dataDir, resourcesDir: PROJECT_RESOURCES, mode: 'electron', appointmentsLater: true },
    });
    toHost({ kind: 'appointments', config: null });
    toHost({ kind: 'appointments', config: { baseUrl: 'ftp://x', services: {} } });
    // The malformed one is refused by where it failed; the host keeps running.
    expect(sent.filter((frame) => frame.kind === 'refused')).toHaveLength(1);
  });
});
