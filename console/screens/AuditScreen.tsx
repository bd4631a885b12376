import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, StaffName } from '../api/protocol';
import { useConsole } from '../app/context';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { dateTime } from '../lib/format';

/** Admins: every staff action on a resident's session: who, when, which terminal and request, what. */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const { api, terminals } = useConsole();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [staff, setStaff] = useState<StaffName[]>([]);
  const [error, setError] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([api.call('GET /audit'), api.call('GET /staff')])
      .then(([audit, members]) => {
        if (!live) return;
        setEntries([...audit].sort((a, b) => b.at.localeCompare(a.at)));
        setStaff(members);
        setError(false);
      })
      .catch(() => live && setError(true));
    return () => {
      live = false;
    };
  }, [api, generation]);

  const staffName = (staffId: string | null) =>
    staffId === null ? t('audit.system') : (staff.find((member) => member.staffId === staffId)?.displayName ?? staffId);
  const terminalName = (terminalId: string | null) =>
    terminalId === null ? '' : (terminals.find((terminal) => terminal.terminalId === terminalId)?.name ?? terminalId);

  return (
    <>
      <ScreenHeading>{t('audit.title')}</ScreenHeading>
      <p>{t('audit.intro')}</p>
      <div className="button-row">
        <Button className="button button--secondary" onPress={() => setGeneration((value) => value + 1)}>
          {t('audit.refresh')}
        </Button>
      </div>
      {error && <Notice tone="error">{t('error.generic')}</Notice>}
      {entries === null && !error && <p role="status">{t('app.loading')}</p>}
      {entries?.length === 0 && <p className="empty">{t('audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.staff')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.terminal')}</th>
                <th scope="col">{t('audit.col.subject')}</th>
                <th scope="col">{t('audit.col.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <td className="nowrap">{dateTime(i18n.language, entry.at)}</td>
                  <td>{staffName(entry.staffId)}</td>
                  <td>{t(`audit.action.${entry.action}`, { defaultValue: entry.action })}</td>
                  <td>{terminalName(entry.terminalId)}</td>
                  <td className="mono">{entry.subjectId ?? ''}</td>
                  <td>
                    <span className={`status status--${entry.outcome === 'ok' ? 'online' : 'revoked'}`}>
                      {t(`audit.outcome.${entry.outcome}`)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
