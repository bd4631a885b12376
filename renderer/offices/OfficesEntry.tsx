import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/context';

/** The start screen's way to "Ämter und Öffnungszeiten": one tile, set apart from the services. */
export function OfficesEntry() {
  const { t } = useTranslation();
  const { actions } = useKiosk();
  return (
    <Button className="tile tile--offices" onPress={() => actions.showOffices(true)} data-testid="offices-entry">
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
        {/* A public building with a clock. */}
        <path d="M8 24 30 10l22 14M12 24v24M48 24v24M6 50h48M20 30v14M40 30v14" />
        <circle cx="30" cy="34" r="7" />
        <path d="M30 30v4l3 2" />
      </svg>
      <span className="tile__text">
        <span className="tile__title">{t('officesScreen.entry')}</span>
        <span className="tile__summary">{t('officesScreen.entryHint')}</span>
      </span>
      <span className="tile__arrow" aria-hidden="true" />
    </Button>
  );
}
