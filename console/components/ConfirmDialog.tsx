import { useId } from 'react';
import { Button } from 'react-aria-components';
import { Modal } from './Modal';

interface ConfirmDialogProps {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
}

/** "Are you sure?" with the safe choice first and focused. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const textId = useId();
  return (
    <Modal
      title={props.title}
      isOpen={props.isOpen}
      onOpenChange={props.onOpenChange}
      role="alertdialog"
      describedBy={textId}
    >
      <p id={textId}>{props.text}</p>
      <div className="button-row">
        <Button className="button button--secondary" autoFocus onPress={() => props.onOpenChange(false)}>
          {props.cancelLabel}
        </Button>
        <Button
          className="button button--danger"
          onPress={() => {
            props.onOpenChange(false);
            props.onConfirm();
          }}
        >
          {props.confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}
