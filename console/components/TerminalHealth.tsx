import { useTranslation } from 'react-i18next';
import type { TerminalView } from '../api/protocol';
import { useConsole } from '../app/context';
import { dateTime } from '../lib/format';
import { healthLines } from '../lib/health-text';

/** One terminal's device state in the overview: printer, outbox, disk, reachability, versions, its open alerts. */
export function TerminalHealth({ terminal }: { terminal: TerminalView }) {
  const { t, i18n } = useTranslation();
  const { alerts } = useConsole();
  const health = terminal.health;
  const open = alerts.filter((alert) => alert.terminalId === terminal.terminalId);
  if (!health) return <>{t('health.none')}</>;
  return (
    <>
      {open.length > 0 && (
        <ul className="health-alerts" aria-label={t('health.openAlerts')}>
          {open.map((alert) => (
            <li key={alert.alertId} className="health-alert">
              {t(`alerts.kind.${alert.kind}`)}
            </li>
          ))}
        </ul>
      )}
      <ul className="health-lines">
        {healthLines(t, i18n.language, health).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <span className="cell-sub">
        {t('health.versions', { app: health.appVersion, catalogue: health.catalogue.version.slice(0, 8) })}
      </span>
      <span className="cell-sub">{t('health.reportedAt', { time: dateTime(i18n.language, health.receivedAt) })}</span>
    </>
  );
}
