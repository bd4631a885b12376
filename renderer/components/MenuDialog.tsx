import { useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import type { Utterance } from '../speech/scripts';
import { DialogSpeech } from '../speech/useDialogSpeech';
import { KioskModal } from './KioskModal';
import { ReadAloudButton } from './ReadAloudButton';

interface MenuDialogProps {
  /** The button that opens the dialog: its classes and content (icon and label). */
  triggerClassName: string;
  trigger: ReactNode;
  title: string;
  closeLabel: string;
  /** The close button's classes; it takes the focus on opening when no choice inside does. */
  closeClassName?: string;
  autoFocusClose?: boolean;
  className?: string;
  /** Spoken on opening (speech/dialog-scripts.ts) and repeated by "Vorlesen". */
  speechName: string;
  speech: () => readonly Utterance[];
  /** The dialog's body; `close` for a choice that ends the dialog. */
  children: (close: () => void) => ReactNode;
}

/** The frame of the settings dialogs (language, display, speech): opener, title, body, close and "Vorlesen". */
export function MenuDialog(props: MenuDialogProps) {
  const [isOpen, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <Button className={props.triggerClassName} onPress={() => setOpen(true)}>
        {props.trigger}
      </Button>
      {/* Closed, only the opener is made: the dialogs sit in the header of every page. */}
      {isOpen && (
        <KioskModal title={props.title} isOpen onOpenChange={setOpen} className={props.className}>
          <DialogSpeech name={props.speechName} script={props.speech()} />
          {props.children(close)}
          <div className="button-group">
            <Button
              className={props.closeClassName ?? 'button button--secondary'}
              autoFocus={props.autoFocusClose}
              onPress={close}
            >
              {props.closeLabel}
            </Button>
            <ReadAloudButton />
          </div>
        </KioskModal>
      )}
    </>
  );
}
