import type { ReactNode } from 'react';

/** Text for screen readers only (GOV.UK's govuk-visually-hidden). */
export function VisuallyHidden({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <span className="visually-hidden" id={id}>
      {children}
    </span>
  );
}
