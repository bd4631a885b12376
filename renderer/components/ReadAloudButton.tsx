import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSpeech } from '../speech/context';
import { SpeakerIcon } from './SpeakerIcon';

/** "Vorlesen" inside a dialog: the speech bar beneath is out of reach while a dialog is open. */
export function ReadAloudButton() {
  const { t } = useTranslation();
  const speech = useSpeech();
  return (
    <Button className="button" onPress={() => speech.repeat()}>
      <SpeakerIcon />
      {t('speech.readAloud')}
    </Button>
  );
}
