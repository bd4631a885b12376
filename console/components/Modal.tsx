import type { ReactNode } from 'react';
import { Dialog, Heading, Modal as AriaModal, ModalOverlay } from 'react-aria-components';

interface ModalProps {
  title: string;
  children: ReactNode;
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  role?: 'dialog' | 'alertdialog';
  describedBy?: string;
}

/** One dialog look: focus stays inside, Escape closes, focus returns to the opener. */
export function Modal(props: ModalProps) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={props.isOpen} onOpenChange={props.onOpenChange} isDismissable>
      <AriaModal className="modal">
        <Dialog className="dialog" role={props.role ?? 'dialog'} aria-describedby={props.describedBy}>
          <Heading slot="title" className="dialog-title">
            {props.title}
          </Heading>
          {props.children}
        </Dialog>
      </AriaModal>
    </ModalOverlay>
  );
}
