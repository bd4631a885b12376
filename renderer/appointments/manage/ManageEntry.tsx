import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/context';

/** The start screen's way to "Termin verschieben oder absagen", beside the offices; only with an appointment system. */
export function ManageEntry() {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  if (!state.info?.appointments) return null;
  return (
    <Button className="tile tile--offices" onPress={() => actions.showManage(true)} data-testid="manage-entry">
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
        {/* A calendar page with a curved arrow: a time moved. */}
        <rect x="8" y="12" width="44" height="40" rx="3" />
        <path d="M8 22h44M20 8v8M40 8v8M20 40c4-8 14-8 18-2M38 32v6h-6" />
      </svg>
      <span className="tile__text">
        <span className="tile__title">{t('manageBooking.entry')}</span>
        <span className="tile__summary">{t('manageBooking.entryHint')}</span>
      </span>
      <span className="tile__arrow" aria-hidden="true" />
    </Button>
  );
}
