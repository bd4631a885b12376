import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { StaffAccount } from '../api/protocol';
import { useConsole } from '../app/context';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CreateStaffForm } from '../components/CreateStaffForm';
import { Notice } from '../components/Notice';
import { ResetPasswordDialog } from '../components/ResetPasswordDialog';
import { ScreenHeading } from '../components/ScreenHeading';

type Pending = { action: 'disable' | 'enable' | 'endSessions' | 'reset'; account: StaffAccount };

/** Admins: who may sign in, with which role; new accounts; disable, enable, reset a password, end sessions. */
export function StaffScreen() {
  const { t } = useTranslation();
  const { api, session } = useConsole();
  const [staff, setStaff] = useState<StaffAccount[] | null>(null);
  const [error, setError] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  // Kept as key and name, so the notice follows a language switch.
  const [done, setDone] = useState<{ action: Pending['action']; name: string } | null>(null);

  const load = useCallback(() => {
    api
      .call('GET /staff/accounts')
      .then((list) => {
        setStaff(list);
        setError(false);
      })
      .catch(() => setError(true));
  }, [api]);
  useEffect(load, [load]);

  const run = async ({ action, account }: Pending) => {
    const staffId = { staffId: account.staffId };
    try {
      if (action === 'disable') await api.call('POST /staff/:staffId/disable', staffId, {});
      else if (action === 'enable') await api.call('POST /staff/:staffId/enable', staffId, {});
      else if (action === 'endSessions') await api.call('POST /staff/:staffId/sessions/end', staffId, {});
      setDone({ action, name: account.displayName });
      load();
    } catch {
      setDone(null);
      setError(true);
    }
  };

  const status = (account: StaffAccount) =>
    account.disabled
      ? t('account.status.disabled')
      : account.mustChangePassword
        ? t('account.status.mustChange')
        : t('account.status.active');

  return (
    <>
      <ScreenHeading>{t('staff.title')}</ScreenHeading>
      {error && <Notice tone="error">{t('error.generic')}</Notice>}
      {done && <Notice tone="success">{t(`account.done.${done.action}`, { name: done.name })}</Notice>}
      {staff === null && !error && <p role="status">{t('app.loading')}</p>}
      {staff && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('staff.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.col.displayName')}</th>
                <th scope="col">{t('staff.col.username')}</th>
                <th scope="col">{t('staff.col.role')}</th>
                <th scope="col">{t('account.col.status')}</th>
                <th scope="col">{t('account.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((member) => (
                <tr key={member.staffId}>
                  <th scope="row">{member.displayName}</th>
                  <td className="mono">{member.username}</td>
                  <td>{t(`role.${member.role}`)}</td>
                  <td>
                    <span className={`status status--${member.disabled ? 'revoked' : 'online'}`}>{status(member)}</span>
                  </td>
                  <td>
                    {member.staffId === session?.staff.staffId ? (
                      t('account.you')
                    ) : (
                      <div className="row-actions">
                        <Button
                          className={`button button--small ${member.disabled ? 'button--secondary' : 'button--danger'}`}
                          aria-label={t(member.disabled ? 'account.enableFor' : 'account.disableFor', {
                            name: member.displayName,
                          })}
                          onPress={() =>
                            setPending({ action: member.disabled ? 'enable' : 'disable', account: member })
                          }
                        >
                          {t(member.disabled ? 'account.enable' : 'account.disable')}
                        </Button>
                        <Button
                          className="button button--secondary button--small"
                          aria-label={t('account.resetFor', { name: member.displayName })}
                          onPress={() => setPending({ action: 'reset', account: member })}
                        >
                          {t('account.reset.button')}
                        </Button>
                        <Button
                          className="button button--secondary button--small"
                          aria-label={t('account.endSessionsFor', { name: member.displayName })}
                          onPress={() => setPending({ action: 'endSessions', account: member })}
                        >
                          {t('account.endSessions')}
                        </Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateStaffForm onCreated={load} />
      <ConfirmDialog
        isOpen={pending !== null && pending.action !== 'reset'}
        onOpenChange={(open) => !open && setPending(null)}
        title={t(`account.confirm.${pending?.action ?? 'disable'}.title`, { name: pending?.account.displayName ?? '' })}
        text={t(`account.confirm.${pending?.action ?? 'disable'}.text`)}
        confirmLabel={t(`account.confirm.${pending?.action ?? 'disable'}.confirm`)}
        cancelLabel={t('common.cancel')}
        onConfirm={() => pending && void run(pending)}
      />
      {pending?.action === 'reset' && (
        <ResetPasswordDialog
          account={pending.account}
          onClose={() => setPending(null)}
          onDone={(updated) => {
            setPending(null);
            setDone({ action: 'reset', name: updated.displayName });
            load();
          }}
        />
      )}
    </>
  );
}
