import { memo, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useKioskActions } from '../app/context';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * "Antrag abbrechen" (what it does, issue 14: one meaning per label; "Beenden" is no longer also the
 * banner's): a service may name it itself with `labels.cancel` in its texts ("Meldung abbrechen"). After a confirm, ends and wipes the session and returns to the start screen.
 * After sending there is nothing left to lose, so it ends at once.
 */
export const EndButton = memo(function EndButton({
  afterSending = false,
  namespace,
}: {
  afterSending?: boolean;
  namespace?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const label = afterSending
    ? t('header.end')
    : namespace && i18n.exists('labels.cancel', { ns: namespace })
      ? t('labels.cancel', { ns: namespace })
      : t('sessionCancel.label');
  const actions = useKioskActions();
  const [isOpen, setOpen] = useState(false);
  const press = () => (afterSending ? void actions.end('finished') : setOpen(true));
  return (
    <>
      <Button className="header-button" onPress={press} data-guide="end">
        <span className="header-button__icon" aria-hidden="true">
          ×
        </span>
        {label}
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
