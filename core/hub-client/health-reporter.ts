import type { HealthReport, TerminalToHub } from '../../contract/hub';
import { healthSignature } from '../health/health-figures';
import { errorClass } from '../logging';
import type { Clock, Logger } from '../types';

export const HEALTH_EVERY_MS = 60_000;
/** Changes within this time go in one report (a submit changes the outbox, then the portal, then the outbox). */
export const HEALTH_DEBOUNCE_MS = 2_000;

export interface HealthReporterSettings {
  send(message: TerminalToHub): boolean;
  gather(): Promise<HealthReport>;
  clock: Clock;
  logger: Logger;
  debounceMs?: number;
}

/**
 * Sends the terminal's health to the hub (issue 20): every minute on the core's clock, at once when the
 * connection opens, and after a change (debounced) when the report differs from the last one sent in more than
 * the figures that always move. A report the hub could not take is not kept: the next one replaces it.
 */
export class HealthReporter {
  private readonly timer: unknown;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private lastSent: string | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly settings: HealthReporterSettings) {
    this.timer = settings.clock.setInterval(() => void this.report(true), HEALTH_EVERY_MS);
    (this.timer as { unref?: () => void } | undefined)?.unref?.();
  }

  /** Something the report shows may have changed. */
  changed(): void {
    if (this.stopped || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      void this.report(false);
    }, this.settings.debounceMs ?? HEALTH_DEBOUNCE_MS);
    this.debounce.unref?.();
  }

  /** The connection is (again) open: the hub gets the state now. */
  onOnline(online: boolean): void {
    if (online) void this.report(true);
  }

  /** `always`: the minute's report; else only when it differs from the last one sent. */
  report(always: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    // One at a time: the second caller's report follows the first.
    const previous = this.running ?? Promise.resolve();
    const next = previous.then(async () => {
      if (this.stopped) return;
      const report = await this.settings.gather();
      const signature = healthSignature(report);
      if (!always && signature === this.lastSent) return;
      if (this.settings.send({ type: 'health', report })) this.lastSent = signature;
    });
    this.running = next.catch((error: unknown) =>
      this.settings.logger.error('health.report_failed', { errorClass: errorClass(error) }),
    );
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    this.settings.clock.clearInterval(this.timer);
    clearTimeout(this.debounce);
  }
}
