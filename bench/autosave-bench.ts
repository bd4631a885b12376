import { join } from 'node:path';
import type { SessionView } from '../contract';
import { openKioskCore } from '../core/kiosk-core';
import type { KioskCore } from '../core/types';
import { planValue, toAnswerInput } from '../tests/e2e/support/answer-plan';
import type { LoadedService } from '../tests/e2e/support/service-data';
import { msSince } from './stats';

const silent = { info() {}, warn() {}, error() {} };

export async function call(core: KioskCore, method: string, input: unknown): Promise<SessionView> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.detail ?? ''}`);
  return result.value as SessionView;
}

export function valuesFor(service: LoadedService, stepId: string) {
  const step = service.definition.journey.steps.find((candidate) => candidate.id === stepId)!;
  return Object.fromEntries(step.fields.map((field) => [field.name, toAnswerInput(planValue(service, field))]));
}

/** Starts a session and answers every question with planned values: the resident is on the check page. */
export async function walkToCheck(core: KioskCore, service: LoadedService): Promise<string> {
  let view = await call(core, 'session.start', { serviceId: service.definition.id, language: 'de' });
  const { sessionId } = view;
  while (view.position.kind === 'step') {
    const stepId = view.position.stepId;
    view = await call(core, 'session.answer', { sessionId, stepId, values: valuesFor(service, stepId) });
  }
  return sessionId;
}

/**
 * The whole answer call, in-process on a real SQLite file: each
 * `session.answer` validates, encrypts and commits one transaction (WAL,
 * synchronous=FULL) before it returns. Times `iterations` answers to the same
 * text step, reached through the change link from the check page.
 */
export async function measureAutosave(
  dataDir: string,
  resourcesDir: string,
  service: LoadedService,
  iterations: number,
): Promise<number[]> {
  const core = openKioskCore({ dataDir: join(dataDir, 'core'), resourcesDir, mode: 'browser', logger: silent });
  try {
    const sessionId = await walkToCheck(core, service);
    const textStep =
      service.definition.journey.steps.find((step) => !step.when && step.fields.every((f) => f.type === 'text')) ??
      service.definition.journey.steps[0]!;
    const values = valuesFor(service, textStep.id);
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      await call(core, 'session.goTo', {
        sessionId,
        target: { kind: 'step', stepId: textStep.id, returnToCheck: true },
      });
      // A resident's next tap comes long after the last reply: what a call defers past its reply
      // (core/api/after-reply.ts) has run by then, as it has here after one turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      const start = process.hrtime.bigint();
      await call(core, 'session.answer', { sessionId, stepId: textStep.id, values });
      samples.push(msSince(start));
    }
    await core.dispatch('session.end', { sessionId, reason: 'resident' });
    return samples;
  } finally {
    core.close();
  }
}
