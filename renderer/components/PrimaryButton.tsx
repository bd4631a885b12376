import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { pendingProps } from './pending';

interface PrimaryButtonProps {
  children: ReactNode;
  type?: 'button' | 'submit';
  onPress?: () => void;
  isPending?: boolean;
  /** What staff can point at (see contract GuideTarget): next, send. */
  guide?: string;
}

/** The one big action of a page (Weiter, Antrag absenden, Fertig). */
export function PrimaryButton({ children, type = 'button', onPress, isPending, guide }: PrimaryButtonProps) {
  return (
    <Button
      className="button button--primary"
      // While pending, not a submit button: Enter in a field must not send the form again.
      type={isPending ? 'button' : type}
      onPress={isPending ? undefined : onPress}
      {...pendingProps(isPending)}
      {...(guide ? { 'data-guide': guide } : {})}
    >
      {children}
      <span className="button__arrow" aria-hidden="true" />
    </Button>
  );
}
