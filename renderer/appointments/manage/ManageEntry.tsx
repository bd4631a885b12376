import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/context';
import { EntryTile } from '../../components/EntryTile';

/** The start screen's way to "Termin verschieben oder absagen", beside the offices; only with an appointment system. */
export function ManageEntry() {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  if (!state.info?.appointments) return null;
  return (
    <EntryTile
      testId="manage-entry"
      title={t('manageBooking.entry')}
      hint={t('manageBooking.entryHint')}
      onPress={() => actions.showManage(true)}
      icon={
        <>
          {/* A calendar page with a curved arrow: a time moved. */}
          <rect x="8" y="12" width="44" height="40" rx="3" />
          <path d="M8 22h44M20 8v8M40 8v8M20 40c4-8 14-8 18-2M38 32v6h-6" />
        </>
      }
    />
  );
}
