import type { UsageRefusalCode } from '../../contract/usage';
import type { Logger } from '../types';
import type { UsageStore } from '../usage/usage-store';
import type { HubLink } from './hub-link';

/**
 * Sends the day's usage totals (issue 18) to the hub: every day whose revision the hub has not confirmed, oldest
 * first, after each session and on every (re)connect. The totals wait in kiosk.db, not in memory, so a kiosk
 * without its hub (or restarted meanwhile) sends them later. The hub keeps the highest revision of a day, so
 * sending one twice changes nothing there.
 */
export class UsageReports {
  constructor(
    private readonly link: Pick<HubLink, 'send'>,
    private readonly store: UsageStore,
    private readonly logger: Logger,
  ) {}

  flush(): void {
    for (const report of this.store.unconfirmed()) {
      // Offline: the rest waits for the next connection.
      if (!this.link.send({ type: 'usage.report', report })) return;
    }
  }

  onStored(day: string, revision: number): void {
    if (!this.store.confirm(day, revision)) this.logger.info('usage.stored_ignored');
  }

  /**
   * The hub refused this revision (and wrote it in its audit log): sending it again would only be refused again, so
   * it counts as answered; the totals stay here, and the next session's revision is sent as usual.
   */
  onRefused(day: string, revision: number, code: UsageRefusalCode): void {
    if (this.store.confirm(day, revision)) this.logger.warn('usage.refused', { code });
    else this.logger.info('usage.stored_ignored');
  }
}
