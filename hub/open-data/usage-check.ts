import type { UsageDay, UsageRefusalCode } from '../../contract/usage';
import { addDays } from './local-day';
import type { ServiceDirectory } from './service-directory';

/** Why a usage report was refused: a code for the audit log, never a value from the report. */
export type UsageRefusal = Exclude<UsageRefusalCode, 'malformed'>;

const sum = (values: Iterable<number | undefined>): number => {
  let total = 0;
  for (const value of values) total += value ?? 0;
  return total;
};

/**
 * What the schema cannot say about a report (contract/usage.ts checks its shape and ranges): a day the hub keeps,
 * services and steps the hub knows (ids are the one place a report could carry text), and counts that agree with
 * each other. Returns the first problem, or undefined.
 */
export function usageRefusal(
  report: UsageDay,
  today: string,
  retentionDays: number,
  directory: ServiceDirectory,
): UsageRefusal | undefined {
  // A kiosk's clock may run a day ahead of the hub's.
  if (report.day > addDays(today, 1)) return 'future_day';
  if (report.day < addDays(today, -retentionDays)) return 'past_retention';
  const seen = new Set<string>();
  for (const service of report.services) {
    const known = directory.byId.get(service.serviceId);
    if (!known) return 'unknown_service';
    if (seen.has(service.serviceId)) return 'duplicate_service';
    seen.add(service.serviceId);
    const steps = new Set(known.steps.map((step) => step.stepId));
    const named = [...Object.keys(service.stepsReached), ...Object.keys(service.givenUp)];
    if (named.some((stepId) => !steps.has(stepId))) return 'unknown_step';
    const givenUp = sum(Object.values(service.givenUp).flatMap((reasons) => Object.values(reasons)));
    if (
      service.started > report.sessions ||
      service.completed + givenUp > service.started ||
      Object.values(service.stepsReached).some((reached) => reached > service.started) ||
      sum(Object.values(service.durations)) > service.started
    )
      return 'inconsistent_counts';
  }
  const { sessions } = report;
  if (
    sum(report.sessionsByHour) !== sessions ||
    sum(Object.values(report.durations)) > sessions ||
    sum(Object.values(report.languages)) > sessions ||
    sum(Object.values(report.feedback)) > sessions ||
    Object.values(report.settings).some((count) => count > sessions) ||
    report.help.takenOver > sessions ||
    report.help.continuedAtDesk > sessions ||
    sum(report.helpByHour) > report.help.called + report.help.offered
  )
    return 'inconsistent_counts';
  return undefined;
}
