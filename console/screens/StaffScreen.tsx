import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffAccount } from '../api/protocol';
import { useConsole } from '../app/context';
import { CreateStaffForm } from '../components/CreateStaffForm';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';

/** Admins: who may sign in, with which role; new accounts. */
export function StaffScreen() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [staff, setStaff] = useState<StaffAccount[] | null>(null);
  const [error, setError] = useState(false);

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

  return (
    <>
      <ScreenHeading>{t('staff.title')}</ScreenHeading>
      {error && <Notice tone="error">{t('error.generic')}</Notice>}
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
              </tr>
            </thead>
            <tbody>
              {staff.map((member) => (
                <tr key={member.staffId}>
                  <th scope="row">{member.displayName}</th>
                  <td className="mono">{member.username}</td>
                  <td>{t(`role.${member.role}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateStaffForm onCreated={load} />
    </>
  );
}
