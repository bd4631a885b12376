import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface KioskModalProps {
  title: string;
  children: ReactNode;
  isOpen?: boolean;
  onOpenChange?: (isOpen: boolean) => void;
  role?: 'dialog' | 'alertdialog';
  /** Outside taps never close a kiosk dialog by accident; Escape does, unless this is set. */
  isKeyboardDismissDisabled?: boolean;
  describedBy?: string;
  className?: string;
}

/** One modal look for help, confirmations, language choice and the idle warning. */
export function KioskModal(props: KioskModalProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={props.isOpen}
      onOpenChange={props.onOpenChange}
      isDismissable={false}
      isKeyboardDismissDisabled={props.isKeyboardDismissDisabled}
    >
      <Modal className={`modal ${props.className ?? ''}`}>
        <Dialog className="dialog" role={props.role ?? 'dialog'} aria-describedby={props.describedBy}>
          <Heading slot="title" className="dialog-title">
            {props.title}
          </Heading>
          {props.children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
