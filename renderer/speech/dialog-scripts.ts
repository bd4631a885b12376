import type { TFunction } from 'i18next';
import type { LanguageCode } from '../../contract';
import { SPEECH_RATES, type SpeechRate } from '../../contract/speech';
import { SPEECH_VOLUME_LEVELS, type SpeechSettings } from '../app/state';
import { CONTRAST_KEYS, CONTRASTS, TEXT_SIZE_KEYS, TEXT_SIZES, type DisplaySettings } from '../display/settings';
import type { Utterance } from './scripts';
import { spokenText } from './spoken-text';

/**
 * What each dialog and the waiting screen say when they open, from the same
 * i18n texts they show: the title, each setting with its current choice and
 * the choices there are, then the notes. Pure, like scripts.ts, so every
 * locale's dialogs can be synthesised in the unit tests.
 */

const say = (text: string): Utterance => ({ text });

export const RATE_KEYS: Record<SpeechRate, string> = {
  slow: 'speech.rateSlow',
  normal: 'speech.rateNormal',
  fast: 'speech.rateFast',
};

/** "Schriftgröße: Große Schrift." then "Es gibt 3 Möglichkeiten:" and each of them. */
function setting(t: TFunction, labelKey: string, current: string, optionKeys: readonly string[] = []): Utterance[] {
  const out = [say(t('speech.labelledAnswer', { label: spokenText(t, labelKey), answer: current }))];
  if (optionKeys.length > 0) {
    out.push(say(spokenText(t, 'speech.options', { count: optionKeys.length })));
    out.push(...optionKeys.map((key) => say(spokenText(t, key))));
  }
  return out;
}

/** "Möchten Sie wirklich beenden?": the question, what it means, and both answers, safe one first. */
export function confirmScript(t: TFunction, texts: 'end' | 'leave' | 'removeItem', spokenBody?: string): Utterance[] {
  return [
    say(spokenText(t, `${texts}.title`)),
    say(spokenBody ?? spokenText(t, `${texts}.text`)),
    say(spokenText(t, 'speech.options', { count: 2 })),
    say(spokenText(t, `${texts}.cancel`)),
    say(spokenText(t, `${texts}.confirm`)),
  ];
}

/** The language dialog: the current language, then each language's name in its own voice. */
export function languageScript(
  t: TFunction,
  languages: readonly LanguageCode[],
  nativeName: (language: LanguageCode) => string,
): Utterance[] {
  return [
    say(spokenText(t, 'language.dialogTitle')),
    say(spokenText(t, 'language.current', { name: t('language.nativeName') })),
    say(spokenText(t, 'speech.chooseLanguage')),
    ...languages.map((language) => ({ text: nativeName(language), language })),
  ];
}

export function displayScript(t: TFunction, display: DisplaySettings): Utterance[] {
  return [
    say(spokenText(t, 'display.dialogTitle')),
    ...setting(
      t,
      'display.textSizeHeading',
      spokenText(t, TEXT_SIZE_KEYS[display.textSize]),
      TEXT_SIZES.map((size) => TEXT_SIZE_KEYS[size]),
    ),
    ...setting(
      t,
      'display.contrastHeading',
      spokenText(t, CONTRAST_KEYS[display.contrast]),
      CONTRASTS.map((contrast) => CONTRAST_KEYS[contrast]),
    ),
    say(spokenText(t, 'display.resetNote')),
  ];
}

export function speechSettingsScript(t: TFunction, settings: SpeechSettings): Utterance[] {
  const volume = spokenText(t, 'speech.volumeLevel', { level: settings.volume, max: SPEECH_VOLUME_LEVELS });
  return [
    say(spokenText(t, 'speech.settingsTitle')),
    ...setting(
      t,
      'speech.rate',
      spokenText(t, RATE_KEYS[settings.rate]),
      SPEECH_RATES.map((rate) => RATE_KEYS[rate]),
    ),
    ...setting(t, 'speech.volume', volume),
    ...setting(t, 'speech.speakAnswers', spokenText(t, settings.speakAnswers ? 'check.yes' : 'check.no')),
    say(spokenText(t, 'speech.speakAnswersHint')),
    say(spokenText(t, 'speech.resetNote')),
  ];
}

/** "Einen Moment bitte …" (the waiting screen and the overlay over a page). */
export function waitingScript(t: TFunction): Utterance[] {
  return [say(spokenText(t, 'waiting.title')), say(spokenText(t, 'waiting.text')), say(spokenText(t, 'waiting.staff'))];
}
