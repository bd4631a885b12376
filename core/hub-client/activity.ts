import { DEFAULT_LANGUAGE, type SessionView } from '../../contract';
import type { LiveSnapshot, TerminalActivity } from '../../contract/hub';

/** Where the resident is, without a single answer: what the hub's queue and terminal overview may show. */
export function activityOf(view: SessionView | null): TerminalActivity {
  if (!view) {
    return {
      serviceId: null,
      stepId: null,
      screen: 'start',
      stepNumber: null,
      stepCount: null,
      language: DEFAULT_LANGUAGE,
    };
  }
  const { position } = view;
  return {
    serviceId: view.serviceId,
    stepId: position.kind === 'step' ? position.stepId : null,
    screen: position.kind,
    stepNumber: position.kind === 'step' ? position.stepNumber : null,
    stepCount: position.kind === 'step' ? position.stepCount : null,
    language: view.language,
  };
}

/** The consented live view: the session as the resident sees it (only ever sent after "Ja"). */
export function snapshotOf(view: SessionView): LiveSnapshot {
  return {
    serviceId: view.serviceId,
    language: view.language,
    position: view.position,
    answers: view.answers,
    visibleStepIds: view.visibleStepIds,
  };
}
