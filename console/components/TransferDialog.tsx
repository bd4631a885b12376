import { useEffect, useId, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { HelpRequestView, StaffName } from '../api/protocol';
import { useConsole } from '../app/context';
import { Modal } from './Modal';
import { Notice } from './Notice';

/** Hand a request to a colleague, chosen from GET /staff (everyone active but oneself). */
export function TransferDialog({ request, onClose }: { request: HelpRequestView; onClose: () => void }) {
  const { t } = useTranslation();
  const { api, session, updateRequest } = useConsole();
  const [staff, setStaff] = useState<StaffName[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();

  useEffect(() => {
    api
      .call('GET /staff')
      .then((list) => setStaff(list.filter((member) => member.active && member.staffId !== session?.staff.staffId)))
      .catch(() => setError(t('error.generic')));
  }, [api, session, t]);

  const transfer = async () => {
    if (!chosen) {
      setError(t('transfer.choose'));
      return;
    }
    try {
      updateRequest(
        await api.call('POST /help/:requestId/transfer', { requestId: request.requestId }, { toStaffId: chosen }),
      );
      onClose();
    } catch {
      setError(t('error.generic'));
    }
  };

  return (
    <Modal
      title={t('transfer.title', { terminal: request.terminalName })}
      isOpen
      onOpenChange={(open) => !open && onClose()}
    >
      {error && <Notice tone="error">{error}</Notice>}
      {staff === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : staff.length === 0 ? (
        <p>{t('transfer.nobody')}</p>
      ) : (
        <div className="field">
          <label className="field-label" htmlFor={selectId}>
            {t('transfer.colleague')}
          </label>
          <select
            id={selectId}
            className="input select"
            value={chosen}
            onChange={(event) => setChosen(event.target.value)}
          >
            <option value="">{t('transfer.placeholder')}</option>
            {staff.map((member) => (
              <option key={member.staffId} value={member.staffId}>
                {member.displayName}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="button-row">
        <Button className="button button--secondary" onPress={onClose}>
          {t('common.cancel')}
        </Button>
        <Button className="button button--primary" onPress={() => void transfer()} isDisabled={!staff?.length}>
          {t('transfer.submit')}
        </Button>
      </div>
    </Modal>
  );
}
