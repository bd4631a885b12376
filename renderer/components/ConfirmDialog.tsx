import { useId } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { confirmScript } from '../speech/dialog-scripts';
import { DialogSpeech } from '../speech/useDialogSpeech';
import { KioskModal } from './KioskModal';
import { ReadAloudButton } from './ReadAloudButton';

interface ConfirmDialogProps {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  /** The i18n group with title, text, confirm and cancel: "end" (Beenden) or "leave" (back to the start). */
  texts: 'end' | 'leave' | 'removeItem';
  /** The text in the service's own words ("Sie verlassen diese Meldung …"), written and spoken. */
  body?: { text: string; spoken: string };
  onConfirm: () => void;
}

/**
 * "Are you sure?" with the safe choice first and focused; spoken when it opens. Closed, it is
 * nothing: it sits in the header of every page, and its texts and script need not be made there.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return props.isOpen ? <OpenConfirmDialog {...props} /> : null;
}

function OpenConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation();
  const textId = useId();
  return (
    <KioskModal
      title={t(`${props.texts}.title`)}
      isOpen
      onOpenChange={props.onOpenChange}
      role="alertdialog"
      describedBy={textId}
    >
      <DialogSpeech name={`confirm-${props.texts}`} script={confirmScript(t, props.texts, props.body?.spoken)} />
      <p id={textId} className="dialog-text">
        {props.body?.text ?? t(`${props.texts}.text`)}
      </p>
      <div className="button-group">
        <Button className="button button--secondary" autoFocus onPress={() => props.onOpenChange(false)}>
          {t(`${props.texts}.cancel`)}
        </Button>
        <Button
          className="button button--warning"
          onPress={() => {
            props.onOpenChange(false);
            props.onConfirm();
          }}
        >
          {t(`${props.texts}.confirm`)}
        </Button>
        <ReadAloudButton />
      </div>
    </KioskModal>
  );
}
