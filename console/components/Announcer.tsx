import { useTranslation } from 'react-i18next';
import { useConsole } from '../app/context';
import { serviceTitle } from '../lib/catalog';

/**
 * The visible and spoken announcement of a new help request. The live region is always in the page, so
 * screen readers notice each change; the beep (lib/alert.ts) plays alongside unless muted.
 */
export function Announcer() {
  const { t } = useTranslation();
  const { announcement, queue, alerts, alertAnnouncement } = useConsole();
  // A terminal's alert (issue 20) is announced while it is open and nobody has said they saw it.
  const alert = alerts.find(
    (entry) => entry.alertId === alertAnnouncement?.alert.alertId && entry.acknowledgedAt === null,
  );
  // Shown while the announced request still waits: once someone accepts it, the banner has done its job.
  const waiting = queue.some(
    (entry) => entry.requestId === announcement?.request.requestId && entry.state === 'waiting',
  );
  const request = waiting ? announcement?.request : undefined;
  return (
    <div className={`announcer${request || alert ? ' announcer--active' : ''}`} role="status" aria-live="polite">
      {request && announcement && (
        <p key={announcement.id} className="announcer-text">
          {t('announce.newRequest', {
            terminal: request.terminalName,
            location: request.location,
            language: t(`languageName.${request.activity.language}`),
            service: serviceTitle(request.activity.serviceId) ?? t('activity.noService'),
          })}
        </p>
      )}
      {alert && alertAnnouncement && (
        <p key={`alert-${alertAnnouncement.id}`} className="announcer-text">
          {t('alerts.announce', {
            terminal: alert.terminalName,
            location: alert.location,
            kind: t(`alerts.kind.${alert.kind}`),
          })}
        </p>
      )}
    </div>
  );
}
