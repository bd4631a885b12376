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
  /** The form a submit button sends when it sits outside it (in the dock, components/BottomDock.tsx). */
  form?: string;
}

/** The one big action of a page (Weiter, Antrag absenden, Fertig). */
export function PrimaryButton({ children, type = 'button', onPress, isPending, guide, form }: PrimaryButtonProps) {
  return (
    <Button
      className="button button--primary"
      // While pending, not a submit button: Enter in a field must not send the form again.
      type={isPending ? 'button' : type}
      form={form}
      onPress={isPending ? undefined : onPress}
      {...pendingProps(isPending)}
      {...(guide ? { 'data-guide': guide } : {})}
    >
      {children}
      <span className="button__arrow" aria-hidden="true" />
    </Button>
  );
}
