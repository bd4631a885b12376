import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/context';
import { EntryTile } from '../../components/EntryTile';

/** The start screen's way to a walk-in waiting number, beside "Termin verschieben"; only where an office takes walk-ins. */
export function WalkInEntry({ shown }: { shown: boolean }) {
  const { t } = useTranslation();
  const { actions } = useKiosk();
  if (!shown) return null;
  return (
    <EntryTile
      testId="walk-in-entry"
      title={t('walkIn.entry')}
      hint={t('walkIn.entryHint')}
      onPress={() => actions.showWalkIn(true)}
      icon={
        <>
          {/* A ticket with a number on it: a waiting number. */}
          <path d="M8 16h44v8a6 6 0 0 0 0 12v8H8v-8a6 6 0 0 0 0-12z" />
          <path d="M24 26l4-3v15M34 38h6" />
        </>
      }
    />
  );
}
