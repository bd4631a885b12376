import { memo, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useKioskActions } from '../app/context';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * "Beenden": after a confirm, ends and wipes the session and returns to the start screen.
 * After sending there is nothing left to lose, so it ends at once.
 */
export const EndButton = memo(function EndButton({ afterSending = false }: { afterSending?: boolean }) {
  const { t } = useTranslation();
  const actions = useKioskActions();
  const [isOpen, setOpen] = useState(false);
  const press = () => (afterSending ? void actions.end('finished') : setOpen(true));
  return (
    <>
      <Button className="header-button" onPress={press} data-guide="end">
        <span className="header-button__icon" aria-hidden="true">
          ×
        </span>
        {t('header.end')}
      </Button>
      <ConfirmDialog
        isOpen={isOpen}
        onOpenChange={setOpen}
        texts="end"
        onConfirm={() => void actions.end('resident')}
      />
    </>
  );
});
