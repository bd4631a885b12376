import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';

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
      type={type}
      onPress={onPress}
      isPending={isPending}
      {...(guide ? { 'data-guide': guide } : {})}
    >
      {children}
      <span className="button__arrow" aria-hidden="true" />
    </Button>
  );
}
