import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/context';

/** The start screen's way to a walk-in waiting number, beside "Termin verschieben"; only where an office takes walk-ins. */
export function WalkInEntry({ shown }: { shown: boolean }) {
  const { t } = useTranslation();
  const { actions } = useKiosk();
  if (!shown) return null;
  return (
    <Button className="tile tile--offices" onPress={() => actions.showWalkIn(true)} data-testid="walk-in-entry">
      <svg
        className="service-icon"
        viewBox="0 0 60 60"
        aria-hidden="true"
        focusable="false"
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {/* A ticket with a number on it: a waiting number. */}
        <path d="M8 16h44v8a6 6 0 0 0 0 12v8H8v-8a6 6 0 0 0 0-12z" />
        <path d="M24 26l4-3v15M34 38h6" />
      </svg>
      <span className="tile__text">
        <span className="tile__title">{t('walkIn.entry')}</span>
        <span className="tile__summary">{t('walkIn.entryHint')}</span>
      </span>
      <span className="tile__arrow" aria-hidden="true" />
    </Button>
  );
}
