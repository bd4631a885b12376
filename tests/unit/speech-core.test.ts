import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../contract';
import { splitSentences } from '../../contract/speech';
import { SYNTHESIS_NICENESS } from '../../core/speech/espeak-engine';
import { withoutQuotationMarks } from '../../core/speech/speech-service';
import { ESPEAK_VOICES } from '../../core/speech/voices';
import { decodeWav } from '../../renderer/speech/wav';
import { openTestCore, PROJECT_RESOURCES, type TestCore } from '../fixtures/core-harness';
import { allScreens, CANARY, services, translator } from '../fixtures/speech-screens';
import { testDay } from '../e2e/support/daily-rotation';

/**
 * The real espeak-ng engine, through the core's API, speaks every screen of
 * every shipped service in every language of contract/languages.ts (a language
 * added there is covered without a change here). Screens are composed by the
 * renderer's own script functions from the same locale files as the screens.
 *
 * Synthesis takes about a tenth of a second a sentence on a 2-core runner, and the catalogue has some 1,150
 * sentences per language. `npm test` speaks the kiosk's own screens in every language and each service in one
 * language, moving on by one language a day, so every service is heard in every language within 8 days of runs;
 * `npm run test:speech` (SPEECH_FULL=1) speaks everything. The text checks below always cover everything.
 */
const FULL = process.env.SPEECH_FULL === '1';
const SERVICE_IDS = services.map((service) => service.id);

function spokenToday(screen: string, language: string): boolean {
  const index = SERVICE_IDS.indexOf(screen.split('/')[0]!);
  if (FULL || index < 0) return true;
  return LANGUAGES[(index + testDay()) % LANGUAGES.length]!.code === language;
}

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

let kiosk: TestCore;
beforeAll(() => {
  kiosk = openTestCore({ resourcesDir: PROJECT_RESOURCES });
});
afterAll(() => kiosk.close());

describe('text for the engine', () => {
  it('leaves out quotation marks, which some voices read aloud, and keeps apostrophes inside words', () => {
    expect(withoutQuotationMarks('натисніть «Змінити» у п’ятницю, „Weiter“ or "Next"')).toBe(
      'натисніть Змінити у п’ятницю, Weiter or Next',
    );
  });
});

describe('voices', () => {
  it('has an espeak-ng voice for every kiosk language', () => {
    for (const { code } of LANGUAGES) expect(ESPEAK_VOICES[code], code).toBeTruthy();
  });
});

describe.each(LANGUAGES.map((language) => language.code))('spoken screens in %s', (language) => {
  const t = translator(language);

  it('produce real audio for every sentence of every screen', { timeout: FULL ? 900_000 : 120_000 }, async () => {
    const sentences = new Set<string>();
    for (const [screen, script] of Object.entries(allScreens(t, language, false))) {
      expect(script.length, screen).toBeGreaterThan(0);
      for (const utterance of script) {
        expect(utterance.text.trim(), screen).not.toBe('');
        if (!spokenToday(screen, language)) continue;
        for (const sentence of splitSentences(utterance.text)) sentences.add(sentence);
      }
    }
    for (const sentence of sentences) {
      const audio = await kiosk.value('speech.synthesize', { text: sentence, language, rate: 'normal' });
      const wav = decodeWav(audio.wav);
      const seconds = wav.samples.length / wav.sampleRate;
      const words = sentence.split(/[\s@./-]+/).filter(Boolean).length;
      // A long German compound ("Staatsangehörigkeit") takes the time of several short words,
      // and a number is said digit group by digit group ("1958": "neunzehnhundertachtundfünfzig").
      // Commas, brackets and dashes are short pauses.
      const digits = sentence.replace(/\D/g, '').length;
      const pauses = sentence.replace(/[^,;:()–]/g, '').length;
      // Ukrainian, Polish and Turkish words are long: letters count, not only words.
      const wordLength = Math.max(words, sentence.replace(/[^\p{L}]/gu, '').length / 5) + 1.25 * digits + pauses;
      expect(wav.sampleRate, sentence).toBeGreaterThanOrEqual(16_000);
      // Plausible speech: between 60 and 700 ms a word (Arabic writes no short vowels, so its letters undercount), plus a little lead-in and tail.
      expect(seconds, sentence).toBeGreaterThanOrEqual(words * 0.06);
      expect(seconds, sentence).toBeLessThanOrEqual(wordLength * 0.7 + 1);
      expect(rms(wav.samples), sentence).toBeGreaterThan(0.01);
      expect(audio.durationMs).toBeCloseTo(seconds * 1000, -1);
    }
  });

  it('never speaks the resident’s answers unless they switched it on, and then marks them personal', () => {
    const off = Object.values(allScreens(t, language, false)).flat();
    expect(off.filter((utterance) => utterance.text.includes(CANARY))).toEqual([]);
    expect(off.filter((utterance) => utterance.personal)).toEqual([]);
    const on = Object.values(allScreens(t, language, true)).flat();
    const spoken = on.filter((utterance) => utterance.text.includes(CANARY));
    expect(spoken.length).toBeGreaterThan(0);
    expect(spoken.every((utterance) => utterance.personal === true)).toBe(true);
  });
});

describe('the prompt cache', () => {
  it('returns the same bytes for a repeated prompt, but never caches personal data', async () => {
    const input = { text: 'Wie viel Sperrmüll ist es ungefähr?', language: 'de', rate: 'slow' };
    const first = await kiosk.value('speech.synthesize', input);
    const again = await kiosk.value('speech.synthesize', input);
    expect(first.cached).toBe(false);
    expect(again.cached).toBe(true);
    expect(Buffer.from(again.wav).equals(Buffer.from(first.wav))).toBe(true);
    const faster = await kiosk.value('speech.synthesize', { ...input, rate: 'fast' });
    expect(faster.cached).toBe(false);
    expect(faster.durationMs).toBeLessThan(first.durationMs);

    const personal = { text: `Ihre Angabe: ${CANARY}`, language: 'de', rate: 'normal', personal: true };
    expect((await kiosk.value('speech.synthesize', personal)).cached).toBe(false);
    expect((await kiosk.value('speech.synthesize', personal)).cached).toBe(false);
    expect(JSON.stringify(kiosk.logger.lines)).not.toContain(CANARY);
    expect(JSON.stringify(kiosk.logger.lines)).not.toContain('Sperrmüll');
  });

  it('refuses empty, overlong and unknown-language input through the contract', async () => {
    for (const input of [
      { text: ' ', language: 'de', rate: 'normal' },
      { text: 'a'.repeat(401), language: 'de', rate: 'normal' },
      { text: 'Hallo', language: 'xx', rate: 'normal' },
      { text: 'Hallo', language: 'de', rate: 'ludicrous' },
    ]) {
      const result = await kiosk.call('speech.synthesize', input);
      expect(result.ok, JSON.stringify(input).slice(0, 60)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
  });
});

describe('the synthesis thread', () => {
  // Linux only: the thread's nice value is read from /proc. Elsewhere the engine keeps normal priority.
  it.runIf(existsSync('/proc/self/task'))(
    'runs at a lower CPU priority than the core, so a tap is never kept waiting',
    async () => {
      await kiosk.value('speech.synthesize', { text: 'Guten Tag.', language: 'de', rate: 'normal' });
      const niceValues = readdirSync('/proc/self/task').map((tid) => {
        // Field 19 of stat is the nice value; the fields after the ")" of the thread name start at field 3.
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      });
      // The first task is the process's main thread, where the core commits answers; a process started
      // with a nice value of its own already (e.g. under `nice`) keeps it, and synthesis never goes above it.
      expect(niceValues).toContain(Math.max(SYNTHESIS_NICENESS, niceValues[0]!));
    },
  );
});
