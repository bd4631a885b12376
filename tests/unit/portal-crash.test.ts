import { describe, expect, it } from 'vitest';
import { runCrashTrials } from '../fixtures/sync-crash-harness';

describe('crash consistency of submit and delivery (kill -9 at random moments)', () => {
  it('50 trials: no acknowledged application lost, none delivered twice, database intact', async () => {
    const report = await runCrashTrials({ trials: 50, maxKillMs: 1200, lanes: 2 });
    expect(report.trials).toBe(50);
    // The harness must have exercised something: applications were acknowledged and delivered.
    expect(report.acknowledged).toBeGreaterThan(0);
    expect(report.acceptedReferences).toBeGreaterThanOrEqual(report.acknowledged);
    expect(report.lost).toEqual([]);
    expect(report.duplicated).toEqual([]);
    expect(report.integrityFailures).toBe(0);
    expect(report.drainedStatuses).toEqual(['accepted']);
  }, 600_000);
});
