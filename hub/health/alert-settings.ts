import { DESK_OFFICE_ID } from '../../contract';
import { loadOffices } from '../../core/offices/load-offices';
import type { Logger } from '../../core/types';
import { DEFAULT_ALERT_RULES, type AlertRuleSettings } from './alert-rules';

/**
 * The alert rules' settings: what HubOptions.health gives, else the defaults. The opening hours for the offline
 * rule are, unless given, the help desk's (the `info` office in the desk's resources/offices/offices.json): the
 * hours staff are there to see an alert. Per-terminal hours are not kept; a hub without a desk alerts at any hour.
 */
export function alertRules(
  given: Partial<AlertRuleSettings> | undefined,
  resourcesDir: string | undefined,
  logger: Logger,
): AlertRuleSettings {
  let openingHours = given?.openingHours;
  if (openingHours === undefined && resourcesDir !== undefined) {
    const desk = loadOffices(resourcesDir).byId.get(DESK_OFFICE_ID);
    if (desk) openingHours = { timeZone: desk.timeZone, openingHours: desk.openingHours };
    else logger.warn('health.no_opening_hours', { code: DESK_OFFICE_ID });
  }
  return {
    offlineAfterMs: given?.offlineAfterMs ?? DEFAULT_ALERT_RULES.offlineAfterMs,
    outboxAgeMs: given?.outboxAgeMs ?? DEFAULT_ALERT_RULES.outboxAgeMs,
    minFreeDiskBytes: given?.minFreeDiskBytes ?? DEFAULT_ALERT_RULES.minFreeDiskBytes,
    openingHours,
  };
}
