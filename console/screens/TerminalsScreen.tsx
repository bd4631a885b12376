import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { TerminalView } from '../api/protocol';
import { useConsole } from '../app/context';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CreateTerminalForm } from '../components/CreateTerminalForm';
import { Notice } from '../components/Notice';
import { TerminalHealth } from '../components/TerminalHealth';
import { ScreenHeading } from '../components/ScreenHeading';
import { activityLines } from '../lib/activity';
import { dateTime } from '../lib/format';

/**
 * Every terminal's state (no personal data) and a way to its usage figures; admins also enrol and revoke
 * terminals here.
 */
export function TerminalsScreen({ onShowUsage }: { onShowUsage: (terminal: TerminalView) => void }) {
  const { t, i18n } = useTranslation();
  const { terminals, session, api, updateTerminal } = useConsole();
  const isAdmin = session?.staff.role === 'admin';
  const [revoking, setRevoking] = useState<TerminalView | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const sorted = [...terminals].sort((a, b) => a.name.localeCompare(b.name, 'de'));

  const revoke = async (terminal: TerminalView) => {
    try {
      updateTerminal(await api.call('POST /terminals/:terminalId/revoke', { terminalId: terminal.terminalId }, {}));
      setMessage({ tone: 'success', text: t('terminals.revoked', { name: terminal.name }) });
    } catch {
      setMessage({ tone: 'error', text: t('error.generic') });
    }
  };

  return (
    <>
      <ScreenHeading>{t('terminals.title')}</ScreenHeading>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {sorted.length === 0 ? (
        <p className="empty">{t('terminals.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('terminals.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('terminals.col.name')}</th>
                <th scope="col">{t('terminals.col.status')}</th>
                <th scope="col">{t('terminals.col.lastContact')}</th>
                <th scope="col">{t('terminals.col.activity')}</th>
                <th scope="col">{t('terminals.col.backlog')}</th>
                <th scope="col">{t('terminals.col.version')}</th>
                <th scope="col">{t('usage.column')}</th>
                <th scope="col">{t('health.col')}</th>
                {isAdmin && <th scope="col">{t('terminals.col.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {sorted.map((terminal) => {
                const activity = activityLines(t, terminal.activity);
                const status = terminal.revoked ? 'revoked' : terminal.online ? 'online' : 'offline';
                return (
                  <tr key={terminal.terminalId}>
                    <th scope="row">
                      {terminal.name}
                      <span className="cell-sub">{terminal.location}</span>
                    </th>
                    <td>
                      <span className={`status status--${status}`}>{t(`terminals.status.${status}`)}</span>
                      {status === 'offline' && terminal.lastContact && (
                        <span className="cell-sub">
                          {t('health.offlineSince', { time: dateTime(i18n.language, terminal.lastContact) })}
                        </span>
                      )}
                    </td>
                    <td>
                      {terminal.lastContact ? dateTime(i18n.language, terminal.lastContact) : t('terminals.never')}
                    </td>
                    <td>
                      {terminal.activity ? (
                        <>
                          {activity.service}
                          <span className="cell-sub">{activity.step}</span>
                        </>
                      ) : (
                        t('terminals.noActivity')
                      )}
                    </td>
                    <td>{terminal.outboxBacklog ?? t('terminals.unknown')}</td>
                    <td>{terminal.appVersion ?? t('terminals.unknown')}</td>
                    <td>
                      <Button
                        className="button button--small"
                        aria-label={t('usage.openFor', { name: terminal.name })}
                        onPress={() => onShowUsage(terminal)}
                      >
                        {t('usage.open')}
                      </Button>
                    </td>
                    <td>
                      <TerminalHealth terminal={terminal} />
                    </td>
                    {isAdmin && (
                      <td>
                        {!terminal.revoked && (
                          <Button
                            className="button button--danger button--small"
                            aria-label={t('terminals.revokeFor', { name: terminal.name })}
                            onPress={() => setRevoking(terminal)}
                          >
                            {t('terminals.revoke')}
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {isAdmin && <CreateTerminalForm />}
      <ConfirmDialog
        isOpen={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={t('terminals.revokeTitle', { name: revoking?.name ?? '' })}
        text={t('terminals.revokeText')}
        confirmLabel={t('terminals.revokeConfirm')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => revoking && void revoke(revoking)}
      />
    </>
  );
}
