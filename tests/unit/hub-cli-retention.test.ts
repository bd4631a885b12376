import { describe, expect, it } from 'vitest';
import { retentionOptions } from '../../hub/cli-retention';

/** The hub's retention flags (hub/cli.ts): --usage-retention-days and --feedback-retention-days. */
describe('the hub command line: retention flags', () => {
  it('passes whole days on, and nothing where a flag is absent (the hub keeps its defaults)', () => {
    expect(retentionOptions(new Map([['--feedback-retention-days', '30']]))).toEqual({ feedbackRetentionDays: 30 });
    expect(
      retentionOptions(
        new Map([
          ['--usage-retention-days', '365'],
          ['--feedback-retention-days', '90'],
        ]),
      ),
    ).toEqual({ usageRetentionDays: 365, feedbackRetentionDays: 90 });
    expect(retentionOptions(new Map([['--port', '8090']]))).toEqual({});
  });

  it('refuses anything but a whole number of days from 1', () => {
    for (const bad of ['0', '-3', '1.5', '', 'abc', '1e3'])
      expect(() => retentionOptions(new Map([['--feedback-retention-days', bad]]))).toThrow(
        '--feedback-retention-days needs a whole number of days',
      );
    expect(() => retentionOptions(new Map([['--feedback-retention-days', true]]))).toThrow();
    expect(() => retentionOptions(new Map([['--usage-retention-days', '0']]))).toThrow('--usage-retention-days');
  });
});
