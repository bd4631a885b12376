import { join } from 'node:path';
import type { AnswerInput, AnswerValue, GroupItem, ScalarAnswer } from '../contract/answers';
import { fieldType } from '../contract/fields/registry';
import type { ServiceDefinition, Step } from '../contract/service';
import type { SessionView } from '../contract/session';
import { ensurePrivateDir } from '../core/fs/private-files';
import { openKioskCore } from '../core/kiosk-core';
import type { PortalConfigInput } from '../core/portal/portal-config';
import type { Clock, KioskCore, Logger } from '../core/types';
import { HubError } from './hub-error';

export interface DeskOptions {
  /** The project's resources/ (services). */
  resourcesDir: string;
  /** The town's own services (the kiosk's `--services-dir`). */
  servicesDir?: string;
  /** Where the desk's applications go; without it they wait in the desk's outbox. */
  portal?: PortalConfigInput | Promise<PortalConfigInput | undefined>;
}

export interface DeskSubmitError {
  code: string;
  fieldErrors?: { field: string; code: string }[];
}

type Answers = Record<string, AnswerInput | AnswerValue>;

/**
 * Continue at the desk: a real kiosk core of the hub's own (<hub data>/desk), so
 * validation, the outbox and portal delivery are exactly the kiosk's. One
 * submission at a time (the core has one active session).
 */
export class Desk {
  private core: KioskCore | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly options: DeskOptions,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  private open(): KioskCore {
    if (!this.core) {
      const dir = join(this.dataDir, 'desk');
      ensurePrivateDir(dir);
      this.core = openKioskCore({
        dataDir: dir,
        resourcesDir: this.options.resourcesDir,
        ...(this.options.servicesDir ? { servicesDir: this.options.servicesDir } : {}),
        mode: 'browser',
        terminalName: 'Bürgerkiosk desk',
        // Staff submitting a handover are no kiosk session: the terminals' figures count them already.
        countUsage: false,
        clock: this.clock,
        logger: this.logger,
        speech: { warmUpAfterMs: null },
        ...(this.options.portal ? { portal: this.options.portal } : {}),
      });
    }
    return this.core;
  }

  submit(serviceId: string, language: string, answers: Answers): Promise<string> {
    const run = this.queue.then(() => this.submitNow(serviceId, language, answers));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async call<T>(method: string, input: unknown): Promise<T> {
    const result = (await this.open().dispatch(method, input)) as
      { ok: true; value: T } | { ok: false; error: { code: string; fieldErrors?: { field: string; code: string }[] } };
    if (!result.ok) throw new DeskError(result.error.code, result.error.fieldErrors);
    return result.value;
  }

  private async submitNow(serviceId: string, language: string, answers: Answers): Promise<string> {
    // catalog.get carries summaries only; the journey comes with the service itself.
    const opened = await this.call<{ definition: ServiceDefinition }>('catalog.service', { serviceId, language }).catch(
      (error: unknown) => {
        if (error instanceof DeskError && error.code === 'unknown_service') throw new HubError(422, 'unknown_service');
        throw error;
      },
    );
    const service = opened.definition;
    let view = await this.call<SessionView>('session.start', { serviceId, language });
    const sessionId = view.sessionId;
    try {
      // Answer every visible step in order, exactly as a resident's "Weiter" would; at most once per step.
      for (let guard = 0; view.position.kind === 'step' && guard <= service.journey.steps.length; guard += 1) {
        const stepId = view.position.stepId;
        const step = service.journey.steps.find((candidate) => candidate.id === stepId);
        if (!step) throw new HubError(500, 'unknown_step');
        if (step.repeat) {
          view = await this.answerGroup(sessionId, step, answers[step.repeat.name], view);
          continue;
        }
        const values: Record<string, AnswerInput> = {};
        for (const field of step.fields) {
          const value = answers[field.name];
          // A list of items belongs to a group step (above), never to a field.
          if (value !== undefined && !isItemList(value)) values[field.name] = asInput(value, field.type);
        }
        view = await this.call<SessionView>('session.answer', { sessionId, stepId, values });
      }
      if (view.position.kind !== 'check') throw new HubError(422, 'journey_incomplete');
      view = await this.call<SessionView>('session.submit', { sessionId });
      if (view.position.kind !== 'confirmation') throw new HubError(500, 'not_submitted');
      return view.position.reference;
    } finally {
      await this.open().dispatch('session.end', { sessionId, reason: 'finished' });
    }
  }

  /** A repeatable group as a resident fills it: each item on its own page, then the list's "Weiter". */
  private async answerGroup(sessionId: string, step: Step, stored: unknown, view: SessionView): Promise<SessionView> {
    const items = Array.isArray(stored) ? stored.filter((item): item is GroupItem => typeof item === 'object') : [];
    const stepId = step.id;
    for (const [item, answers] of items.entries()) {
      if (view.position.kind !== 'step' || view.position.item !== item) {
        const target = { kind: 'step', stepId, returnToCheck: false, item };
        view = await this.call<SessionView>('session.goTo', { sessionId, target });
      }
      const values: Record<string, AnswerInput> = {};
      for (const field of step.fields) {
        const value = answers[field.name];
        if (value !== undefined) values[field.name] = asInput(value, field.type);
      }
      view = await this.call<SessionView>('session.answer', { sessionId, stepId, item, values });
    }
    return this.call<SessionView>('session.answer', { sessionId, stepId, values: {} });
  }

  close(): void {
    this.core?.close();
    this.core = undefined;
  }
}

export class DeskError extends Error {
  override name = 'DeskError';
  constructor(
    readonly code: string,
    readonly fieldErrors?: { field: string; code: string }[],
  ) {
    super(code);
  }
}

function isItemList(value: AnswerInput | AnswerValue): value is GroupItem[] {
  return Array.isArray(value) && value.some((entry) => typeof entry !== 'string');
}

/** The draft holds stored values (ISO dates, numbers); the core takes what a form sends (date parts, strings). */
function asInput(value: AnswerInput | ScalarAnswer, type: string): AnswerInput {
  if (typeof value === 'number') return String(value);
  if (fieldType(type).input === 'date' && typeof value === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (match) return { year: match[1]!, month: match[2]!, day: match[3]! };
  }
  return value;
}
