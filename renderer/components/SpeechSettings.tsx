import { memo } from 'react';
import { Button, Label, RadioButton, RadioField, RadioGroup, Switch } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { SPEECH_RATES, type SpeechRate } from '../../contract/speech';
import { useKioskActions, useKioskSettings } from '../app/context';
import { SPEECH_VOLUME_LEVELS } from '../app/state';
import { useSpeech } from '../speech/context';
import { RATE_KEYS, speechSettingsScript } from '../speech/dialog-scripts';
import { MenuDialog } from './MenuDialog';

/**
 * "Vorlesen einstellen": speaking rate (3 steps), volume, and whether the
 * resident's own answers are read out. Each change is heard at once in the new
 * setting. Everything returns to the defaults when the session ends.
 */
export const SpeechSettings = memo(function SpeechSettings() {
  const { t } = useTranslation();
  const actions = useKioskActions();
  const settings = useKioskSettings();
  const speech = useSpeech();
  const { rate, volume, speakAnswers } = settings.speech;

  function chooseRate(next: SpeechRate): void {
    actions.setSpeech({ rate: next });
    speech.speak([{ text: `${t('speech.rate')}: ${t(RATE_KEYS[next])}.` }], { rate: next });
  }

  function changeVolume(step: number): void {
    const next = Math.min(SPEECH_VOLUME_LEVELS, Math.max(1, volume + step));
    actions.setSpeech({ volume: next });
    speech.player.setVolume(next / SPEECH_VOLUME_LEVELS);
    speech.speak([
      { text: `${t('speech.volume')}: ${t('speech.volumeLevel', { level: next, max: SPEECH_VOLUME_LEVELS })}.` },
    ]);
  }

  // Said like the other settings; the page beneath is read with the answers once the dialog is closed.
  function chooseSpeakAnswers(selected: boolean): void {
    actions.setSpeech({ speakAnswers: selected });
    const answer = t(selected ? 'check.yes' : 'check.no');
    speech.speak([{ text: `${t('speech.labelledAnswer', { label: t('speech.speakAnswers'), answer })}.` }]);
  }

  return (
    <MenuDialog
      triggerClassName="button speech-bar__settings"
      trigger={
        <>
          <SettingsIcon />
          <span className="speech-bar__text">{t('speech.openSettings')}</span>
        </>
      }
      title={t('speech.settingsTitle')}
      closeLabel={t('speech.close')}
      closeClassName="button"
      autoFocusClose
      className="modal--speech"
      speechName="speech-settings"
      speech={() => speechSettingsScript(t, settings.speech)}
    >
      {() => (
        <>
          <RadioGroup
            className="form-group speech-settings__group"
            value={rate}
            onChange={(value) => chooseRate(value as SpeechRate)}
            orientation="horizontal"
          >
            <Label className="label">{t('speech.rate')}</Label>
            <div className="choices choices--row">
              {SPEECH_RATES.map((option) => (
                <RadioField key={option} value={option} className="choice choice--radio">
                  <RadioButton className="choice__button">
                    <span className="choice__control" aria-hidden="true" />
                    <span className="choice__label">{t(RATE_KEYS[option])}</span>
                  </RadioButton>
                </RadioField>
              ))}
            </div>
          </RadioGroup>

          <div className="form-group speech-settings__group" role="group" aria-labelledby="speech-volume-label">
            <p className="label" id="speech-volume-label">
              {t('speech.volume')}
            </p>
            <div className="speech-settings__volume">
              <Button className="button" isDisabled={volume <= 1} onPress={() => changeVolume(-1)}>
                {t('speech.volumeDown')}
              </Button>
              <output className="speech-settings__level" aria-live="off">
                {t('speech.volumeLevel', { level: volume, max: SPEECH_VOLUME_LEVELS })}
              </output>
              <Button className="button" isDisabled={volume >= SPEECH_VOLUME_LEVELS} onPress={() => changeVolume(1)}>
                {t('speech.volumeUp')}
              </Button>
            </div>
          </div>

          <Switch
            className="speech-settings__switch"
            isSelected={speakAnswers}
            onChange={chooseSpeakAnswers}
            aria-describedby="speech-answers-hint"
          >
            <span className="speech-settings__track" aria-hidden="true">
              <span className="speech-settings__thumb" />
            </span>
            {t('speech.speakAnswers')}
          </Switch>
          <p className="hint" id="speech-answers-hint">
            {t('speech.speakAnswersHint')}
          </p>
          <p className="dialog-text">{t('speech.resetNote')}</p>
        </>
      )}
    </MenuDialog>
  );
});

/** Sliders: shown alone when the speech bar is small (very large text), with the name kept for screen readers. */
function SettingsIcon() {
  return (
    <svg className="speech-bar__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M4 7h10M18 7h2M4 17h4M12 17h8" />
      <circle cx="16" cy="7" r="2.5" />
      <circle cx="10" cy="17" r="2.5" />
    </svg>
  );
}
