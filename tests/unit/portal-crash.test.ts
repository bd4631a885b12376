import { describe, expect, it } from 'vitest';
import { runCrashTrials } from '../fixtures/sync-crash-harness';

describe('crash consistency of submit and delivery (kill -9 at random moments)', () => {
  it('25 trials: no acknowledged application lost, none delivered twice, database intact', async () => {
    const report = await runCrashTrials({ trials: 25, maxKillMs: 1200, lanes: 2 });
    expect(report.trials).toBe(25);
    // The harness must have exercised something: applications were acknowledged and delivered.
    expect(report.acknowledged).toBeGreaterThan(0);
    expect(report.acceptedReferences).toBeGreaterThanOrEqual(report.acknowledged);
    expect(report.lost).toEqual([]);
    expect(report.duplicated).toEqual([]);
    expect(report.integrityFailures).toBe(0);
    expect(report.drainedStatuses).toEqual(['accepted']);
  }, 600_000);
});
