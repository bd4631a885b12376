import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AlertView } from '../api/protocol';
import { useConsole } from '../app/context';
import { dateTime } from '../lib/format';
import { Notice } from './Notice';

/**
 * The terminals' open alerts in the queue area (issue 20), newest first: what happened where and since when, and
 * "Gesehen" for staff to say they saw it (audited at the hub). An alert leaves the list when its condition ends.
 */
export function AlertList() {
  const { t, i18n } = useTranslation();
  const { alerts, api, updateAlert } = useConsole();
  const [error, setError] = useState<string | null>(null);
  if (alerts.length === 0) return null;

  const acknowledge = async (alert: AlertView) => {
    setError(null);
    try {
      updateAlert(await api.call('POST /alerts/:alertId/acknowledge', { alertId: alert.alertId }, {}));
    } catch {
      setError(t('error.generic'));
    }
  };

  return (
    <section className="alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('alerts.title', { count: alerts.length })}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      <ul className="alert-list">
        {alerts.map((alert) => {
          const kind = t(`alerts.kind.${alert.kind}`);
          return (
            <li key={alert.alertId} className={`alert-item${alert.acknowledgedAt ? '' : ' alert-item--new'}`}>
              <div>
                <strong>{kind}</strong>
                <span className="cell-sub">
                  {alert.terminalName}, {alert.location}
                </span>
                <span className="cell-sub">{t('alerts.since', { time: dateTime(i18n.language, alert.raisedAt) })}</span>
              </div>
              {alert.acknowledgedBy ? (
                <span className="alert-seen">{t('alerts.seenBy', { name: alert.acknowledgedBy.displayName })}</span>
              ) : (
                <Button
                  className="button button--secondary alert-ack"
                  aria-label={t('alerts.acknowledgeFor', { kind, terminal: alert.terminalName })}
                  onPress={() => void acknowledge(alert)}
                >
                  {t('alerts.acknowledge')}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
