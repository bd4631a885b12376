/**
 * The kiosk process of the crash-consistency harness (tests/fixtures/sync-crash-harness.ts):
 * the real core with the real sync worker, real clock and real disk, submitting applications
 * one after another while delivery runs. It prints "ACK <reference>" only after session.submit
 * returned, i.e. after the application was durably in the outbox: what the resident saw.
 * The harness kills it with SIGKILL at random moments. With --drain it only delivers.
 */
import { openKioskCore } from '../../core/kiosk-core';
import type { Logger } from '../../core/types';

const [dataDir, resourcesDir, portalJson, mode] = process.argv.slice(2) as [string, string, string, string?];
const silent: Logger = { info() {}, warn() {}, error() {} };
const core = openKioskCore({
  dataDir,
  resourcesDir,
  mode: 'browser',
  logger: silent,
  portal: JSON.parse(portalJson) as never,
});

async function call(method: string, input: unknown): Promise<Record<string, unknown>> {
  const result = (await core.dispatch(method, input)) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as Record<string, unknown>;
}

async function submitOne(index: number): Promise<void> {
  let view = await call('session.start', { serviceId: 'test-feedback', language: 'de' });
  const sessionId = view.sessionId as string;
  view = await call('session.answer', { sessionId, stepId: 'message', values: { message: `Crash test ${index}` } });
  view = await call('session.answer', { sessionId, stepId: 'email', values: {} });
  view = await call('session.submit', { sessionId });
  const position = view.position as { reference: string };
  process.stdout.write(`ACK ${position.reference}\n`);
  await call('session.end', { sessionId, reason: 'finished' });
}

async function main(): Promise<void> {
  if (mode === '--drain') {
    for (;;) {
      await core.syncNow();
      const status = await call('outbox.status', {});
      const entries = status.entries as { status: string }[];
      if (
        entries.every(
          (entry) => entry.status === 'accepted' || entry.status === 'rejected' || entry.status === 'parked',
        )
      ) {
        process.stdout.write(`DRAINED ${JSON.stringify(entries.map((entry) => entry.status))}\n`);
        core.close();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  process.stdout.write('READY\n');
  for (let index = 0; ; index++) await submitOne(index);
}

main().catch((error: unknown) => {
  process.stderr.write(`child failed: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(3);
});
