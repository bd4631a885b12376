import type { TFunction } from 'i18next';
import type { TerminalHealthView } from '../api/protocol';

/** Free disk as staff read it: "12,4 GB" (decimal units, as file managers show them). */
export function diskSize(language: string, bytes: number): string {
  const gigabytes = bytes / 1e9;
  const format = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'de-DE', {
    maximumFractionDigits: gigabytes < 10 ? 1 : 0,
  });
  return gigabytes >= 1 ? `${format.format(gigabytes)} GB` : `${format.format(bytes / 1e6)} MB`;
}

/** The lines of a terminal's latest health report for the overview (issue 20); no figure without its words. */
export function healthLines(t: TFunction, language: string, health: TerminalHealthView): string[] {
  const lines = [t(`health.printer.${health.printer}`)];
  const oldest = health.outbox.oldestAgeSeconds;
  lines.push(
    health.outbox.depth === 0
      ? t('health.outboxEmpty')
      : oldest === null
        ? t('health.outbox', { count: health.outbox.depth })
        : t('health.outboxOldest', { count: health.outbox.depth, minutes: Math.floor(oldest / 60) }),
  );
  if (health.freeDiskBytes !== null) lines.push(t('health.disk', { size: diskSize(language, health.freeDiskBytes) }));
  lines.push(t(`health.portal.${health.portal}`), t(`health.appointments.${health.appointments}`));
  if (health.catalogue.activation === 'failed') lines.push(t('health.catalogueFailed'));
  if (health.lastError !== 'none') lines.push(t(`health.lastError.${health.lastError}`));
  return lines;
}
