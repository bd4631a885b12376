import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/context';
import { Notice } from './Notice';

interface SessionMainProps {
  /** Above <main>, like GOV.UK's back link. */
  beforeMain?: ReactNode;
  children: ReactNode;
}

/** The back link and main column of a page inside a session (inside SessionFrame). */
export function SessionMain({ beforeMain, children }: SessionMainProps) {
  const { t } = useTranslation();
  const { state } = useKiosk();
  return (
    <div className="width-container">
      {beforeMain}
      <main className="main" id="main">
        {state.apiError && <Notice tone="problem" text={t(`errors.api.${state.apiError}`)} />}
        {children}
      </main>
    </div>
  );
}
