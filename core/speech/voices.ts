/**
 * espeak-ng voices for the kiosk's languages; all ship inside
 * @echogarden/espeak-ng-emscripten. Leichte Sprache is German, so it uses the German voice.
 * Covers the languages the accessibility issue adds, so adding one to contract/languages.ts
 * needs no change here (a unit test checks every listed language has a voice).
 */
export const ESPEAK_VOICES: Readonly<Record<string, string>> = {
  de: 'de',
  'de-x-ls': 'de',
  en: 'en',
  tr: 'tr',
  ar: 'ar',
  ru: 'ru',
  uk: 'uk',
  pl: 'pl',
};

/** Words per minute for the three rates; espeak-ng's own default (175) is quick for many residents. */
export const ESPEAK_WORDS_PER_MINUTE = { slow: 120, normal: 150, fast: 185 } as const;
