import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../app/context';
import { GuidePanel } from '../components/GuidePanel';
import { LiveSnapshotView } from '../components/LiveSnapshotView';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { TakeoverPanel } from '../components/TakeoverPanel';
import { activityLines } from '../lib/activity';
import { waitingTime } from '../lib/format';
import { useNow } from '../lib/useNow';

/** One accepted request: ask for consent, watch, guide, take over; the resident can end it at any time. */
export function AssistScreen({ requestId, onBack }: { requestId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { queue, snapshots, stopped, session, api, updateRequest, clearStopped } = useConsole();
  const now = useNow();
  const [error, setError] = useState<string | null>(null);
  const request = queue.find((entry) => entry.requestId === requestId);
  const snapshot = snapshots[requestId] ?? null;
  const stoppedBy = stopped[requestId];

  const post = async (key: 'POST /help/:requestId/consent' | 'POST /help/:requestId/live/end') => {
    setError(null);
    clearStopped(requestId);
    try {
      updateRequest(await api.call(key, { requestId }, {}));
    } catch {
      setError(t('error.generic'));
    }
  };

  const back = (
    <Button className="button button--secondary" onPress={onBack}>
      {t('assist.backToQueue')}
    </Button>
  );
  if (!request || request.state === 'resolved' || request.state === 'cancelled') {
    return (
      <>
        <ScreenHeading>{t('assist.title')}</ScreenHeading>
        <Notice tone="info">{t(request?.state === 'cancelled' ? 'assist.cancelled' : 'assist.gone')}</Notice>
        {back}
      </>
    );
  }
  if (request.assignedTo?.staffId !== session?.staff.staffId) {
    return (
      <>
        <ScreenHeading>{t('assist.title')}</ScreenHeading>
        <Notice tone="info">{t('assist.notYours')}</Notice>
        {back}
      </>
    );
  }

  const activity = activityLines(t, request.activity);
  const granted = request.consent === 'granted';
  return (
    <>
      <ScreenHeading>{t('assist.titleFor', { terminal: request.terminalName })}</ScreenHeading>
      <dl className="facts">
        <div>
          <dt>{t('queue.col.terminal')}</dt>
          <dd>
            {request.terminalName}, {request.location}
          </dd>
        </div>
        <div>
          <dt>{t('queue.col.language')}</dt>
          <dd>{t(`languageName.${request.activity.language}`)}</dd>
        </div>
        <div>
          <dt>{t('queue.col.activity')}</dt>
          <dd>
            {activity.service}, {activity.step}
          </dd>
        </div>
        <div>
          <dt>{t('queue.col.waiting')}</dt>
          <dd>{waitingTime(t, request.since, now)}</dd>
        </div>
      </dl>
      {error && <Notice tone="error">{error}</Notice>}
      {stoppedBy && <Notice tone="info">{t(`assist.stopped.${stoppedBy}`)}</Notice>}

      <section className="panel" aria-labelledby="live-title">
        <h2 id="live-title">{t('assist.live.title')}</h2>
        {request.consent === 'asked' && <p role="status">{t('assist.live.waiting')}</p>}
        {request.consent === 'declined' && <Notice tone="info">{t('assist.live.declined')}</Notice>}
        {(request.consent === 'none' || request.consent === 'declined') && (
          <>
            <p>{t('assist.live.intro')}</p>
            <Button className="button button--primary" onPress={() => void post('POST /help/:requestId/consent')}>
              {t('assist.live.ask')}
            </Button>
          </>
        )}
        {granted && (
          <>
            <Notice tone="success" live={false}>
              {t('assist.live.granted')}
            </Notice>
            {snapshot ? <LiveSnapshotView snapshot={snapshot} /> : <p role="status">{t('assist.live.loading')}</p>}
            <Button className="button button--secondary" onPress={() => void post('POST /help/:requestId/live/end')}>
              {t('assist.live.end')}
            </Button>
          </>
        )}
      </section>

      {granted && snapshot && <GuidePanel requestId={requestId} snapshot={snapshot} />}
      {granted && <TakeoverPanel request={request} snapshot={snapshot} />}
      {back}
    </>
  );
}
