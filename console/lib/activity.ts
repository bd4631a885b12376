import type { TFunction } from 'i18next';
import type { TerminalActivity } from '../api/protocol';
import { serviceTitle, stepTitle } from './catalog';

/** "Meldebescheinigung" and "Schritt 2 von 5: Adresse" (or the screen, when not on a step); no answers. */
export function activityLines(t: TFunction, activity: TerminalActivity | null): { service: string; step: string } {
  if (!activity) return { service: t('activity.unknown'), step: '' };
  const service = serviceTitle(activity.serviceId) ?? t('activity.noService');
  if (activity.screen !== 'step') return { service, step: t(`activity.screen.${activity.screen}`) };
  const position =
    activity.stepNumber !== null && activity.stepCount !== null
      ? t('activity.stepOf', { number: activity.stepNumber, count: activity.stepCount })
      : t('activity.screen.step');
  const title = stepTitle(activity.serviceId, activity.stepId);
  return { service, step: title ? `${position}: ${title}` : position };
}
