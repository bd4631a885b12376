import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../app/context';
import { Notice } from './Notice';

/** How long a handed-over draft waits at the hub before it is deleted (an hour at the demo hub; issue 17). */
export function RetentionNotice() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [hours, setHours] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    api.call('GET /notices').then(
      (notices) => current && setHours(notices.handoverRetentionHours),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);
  if (hours === null) return null;
  return (
    <Notice tone="info" live={false}>
      <span data-testid="handover-retention">{t('retention.handover', { hours })}</span>
    </Notice>
  );
}
