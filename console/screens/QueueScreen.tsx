import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { failureOf } from '../api/client';
import type { HelpRequestView } from '../api/protocol';
import { useConsole } from '../app/context';
import { AlertList } from '../components/AlertList';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { TransferDialog } from '../components/TransferDialog';
import { activityLines } from '../lib/activity';
import { waitingTime } from '../lib/format';
import { useNow } from '../lib/useNow';

const OPEN_STATES = new Set(['waiting', 'accepted']);

/** The open help requests, oldest first, with what staff can do with each. */
export function QueueScreen({ onAssist }: { onAssist: (requestId: string) => void }) {
  const { t } = useTranslation();
  const { queue, session, api, updateRequest } = useConsole();
  const now = useNow();
  const [error, setError] = useState<string | null>(null);
  const [transferFor, setTransferFor] = useState<HelpRequestView | null>(null);
  const me = session?.staff.staffId;
  const open = queue
    .filter((request) => OPEN_STATES.has(request.state))
    .sort((a, b) => Date.parse(a.since) - Date.parse(b.since));

  const act = async (request: HelpRequestView, action: 'accept' | 'resolve') => {
    setError(null);
    try {
      const key = action === 'accept' ? 'POST /help/:requestId/accept' : 'POST /help/:requestId/resolve';
      const updated = await api.call(key, { requestId: request.requestId }, {});
      updateRequest(updated);
      if (action === 'accept') onAssist(request.requestId);
    } catch (failure) {
      const kind = failureOf(failure).kind;
      setError(t(kind === 'conflict' ? 'queue.error.taken' : 'error.generic'));
    }
  };

  return (
    <>
      <ScreenHeading>{t('queue.title')}</ScreenHeading>
      <AlertList />
      {error && <Notice tone="error">{error}</Notice>}
      {open.length === 0 ? (
        <p className="empty">{t('queue.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.col.waiting')}</th>
                <th scope="col">{t('queue.col.terminal')}</th>
                <th scope="col">{t('queue.col.language')}</th>
                <th scope="col">{t('queue.col.activity')}</th>
                <th scope="col">{t('queue.col.reason')}</th>
                <th scope="col">{t('queue.col.state')}</th>
                <th scope="col">{t('queue.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((request) => {
                const activity = activityLines(t, request.activity);
                const mine = request.assignedTo?.staffId === me;
                return (
                  <tr key={request.requestId} data-request={request.requestId}>
                    <td className="nowrap">{waitingTime(t, request.since, now)}</td>
                    <th scope="row">
                      {request.terminalName}
                      <span className="cell-sub">{request.location}</span>
                    </th>
                    <td>{t(`languageName.${request.activity.language}`)}</td>
                    <td>
                      {activity.service}
                      <span className="cell-sub">{activity.step}</span>
                    </td>
                    <td>{t(`reason.${request.reason}`)}</td>
                    <td>
                      {request.state === 'waiting'
                        ? t('state.waiting')
                        : t('state.acceptedBy', { name: request.assignedTo?.displayName ?? '' })}
                    </td>
                    <td>
                      <div className="row-actions">
                        {request.state === 'waiting' && (
                          <Button
                            className="button button--primary button--small"
                            aria-label={t('queue.acceptFor', { terminal: request.terminalName })}
                            onPress={() => void act(request, 'accept')}
                          >
                            {t('queue.accept')}
                          </Button>
                        )}
                        {mine && (
                          <>
                            <Button
                              className="button button--primary button--small"
                              aria-label={t('queue.assistFor', { terminal: request.terminalName })}
                              onPress={() => onAssist(request.requestId)}
                            >
                              {t('queue.assist')}
                            </Button>
                            <Button
                              className="button button--secondary button--small"
                              aria-label={t('queue.transferFor', { terminal: request.terminalName })}
                              onPress={() => setTransferFor(request)}
                            >
                              {t('queue.transfer')}
                            </Button>
                            <Button
                              className="button button--secondary button--small"
                              aria-label={t('queue.resolveFor', { terminal: request.terminalName })}
                              onPress={() => void act(request, 'resolve')}
                            >
                              {t('queue.resolve')}
                            </Button>
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {transferFor && <TransferDialog request={transferFor} onClose={() => setTransferFor(null)} />}
    </>
  );
}
