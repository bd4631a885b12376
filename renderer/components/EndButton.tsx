import { memo, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useKioskActions } from '../app/context';
import { namespaceTermKeys } from '../i18n/service-terms';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * "Antrag abbrechen" (what it does, issue 14: one meaning per label; "Beenden" is no longer also the
 * banner's): a service may name it in its own words as `terms.cancel` ("Meldung abbrechen", see
 * i18n/service-terms.ts). After a confirm, ends and wipes the session and returns to the start screen.
 * After sending there is nothing left to lose, so it ends at once.
 */
export const EndButton = memo(function EndButton({
  afterSending = false,
  namespace,
}: {
  afterSending?: boolean;
  namespace?: string | undefined;
}) {
  const { t } = useTranslation();
  const label = afterSending ? t('header.end') : t(namespaceTermKeys(namespace, 'cancel'));
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
