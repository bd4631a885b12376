/** The hub's retention flags (issue 18): whole days, at least one; absent flags leave the hub's defaults. */
export interface RetentionOptions {
  usageRetentionDays?: number;
  feedbackRetentionDays?: number;
}

const FLAGS = {
  '--usage-retention-days': 'usageRetentionDays',
  '--feedback-retention-days': 'feedbackRetentionDays',
} as const;

/** Reads the retention flags; throws a message for the command line when one is not a whole number of days ≥ 1. */
export function retentionOptions(flags: ReadonlyMap<string, string | true>): RetentionOptions {
  const options: RetentionOptions = {};
  for (const [flag, key] of Object.entries(FLAGS) as [keyof typeof FLAGS, keyof RetentionOptions][]) {
    const raw = flags.get(flag);
    if (raw === undefined) continue;
    const days = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(days) || days < 1) throw new Error(`${flag} needs a whole number of days (≥ 1)`);
    options[key] = days;
  }
  return options;
}
