import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/context';
import { EntryTile } from '../components/EntryTile';

/** The start screen's way to "Ämter und Öffnungszeiten": one tile, set apart from the services. */
export function OfficesEntry() {
  const { t } = useTranslation();
  const { actions } = useKiosk();
  return (
    <EntryTile
      testId="offices-entry"
      title={t('officesScreen.entry')}
      hint={t('officesScreen.entryHint')}
      onPress={() => actions.showOffices(true)}
      icon={
        <>
          {/* A public building with a clock. */}
          <path d="M8 24 30 10l22 14M12 24v24M48 24v24M6 50h48M20 30v14M40 30v14" />
          <circle cx="30" cy="34" r="7" />
          <path d="M30 30v4l3 2" />
        </>
      }
    />
  );
}
