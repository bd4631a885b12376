/**
 * Spoken prompts: the rules both sides share. Kept free of zod so the renderer
 * can import it (see namespaces.ts).
 */

/** Three speaking rates; the engine maps each to its own unit (espeak-ng: words per minute). */
export const SPEECH_RATES = ['slow', 'normal', 'fast'] as const;
export type SpeechRate = (typeof SPEECH_RATES)[number];
export const DEFAULT_SPEECH_RATE: SpeechRate = 'normal';

/** Longest text one synthesis call accepts; the renderer sends sentences, and splits longer ones. */
export const MAX_SPOKEN_TEXT = 400;

// After . ! ? … or a colon, but not after a number's period ("24. Dezember").
const SENTENCE_END = /(?<=[!?؟…:]|(?<!\d)\.)\s+(?=\S)/u;

/**
 * Splits a text into sentences for synthesis: the first one is synthesised and
 * playing while the next is prepared, and the caption shows one at a time.
 * A sentence longer than `max` is cut at a comma, semicolon or dash, else at a space.
 */
export function splitSentences(text: string, max = MAX_SPOKEN_TEXT): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    for (const raw of line.split(SENTENCE_END)) {
      let sentence = raw.replace(/\s+/g, ' ').trim();
      while (sentence.length > max) {
        const window = sentence.slice(0, max);
        const cut = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '), window.lastIndexOf(' – '));
        const at = cut > max / 3 ? cut + 1 : window.lastIndexOf(' ') > 0 ? window.lastIndexOf(' ') : max;
        out.push(sentence.slice(0, at).trim());
        sentence = sentence.slice(at).trim();
      }
      if (sentence) out.push(sentence);
    }
  }
  return out;
}

/** Largest WAV a prompt may be (minutes of 22 kHz mono speech; a sentence is a few seconds). */
export const MAX_WAV_BYTES = 8_000_000;

/**
 * speech.synthesize in browser kiosk mode (issue 19): the audio travels as the HTTP body's own bytes, its
 * figures in two headers, so the page never decodes base64 on its main thread (Electron's IPC carries the
 * same bytes as a Uint8Array). A failure still answers with the JSON Result.
 */
export const SPEECH_AUDIO_CONTENT_TYPE = 'audio/wav';
export const SPEECH_DURATION_HEADER = 'x-speech-duration-ms';
export const SPEECH_CACHED_HEADER = 'x-speech-cached';

/** What speech.synthesize answers with (SpeechAudioSchema in api.ts checks the same on the core's side). */
export interface SpeechAudioBytes {
  /** A mono 16-bit PCM WAV file. */
  wav: Uint8Array<ArrayBuffer>;
  durationMs: number;
  /** Whether the core had it in its prompt cache. */
  cached: boolean;
}

/** The headers that go with the body's bytes. */
export function speechAudioHeaders(audio: SpeechAudioBytes): Record<string, string> {
  return {
    [SPEECH_DURATION_HEADER]: String(Math.round(audio.durationMs)),
    [SPEECH_CACHED_HEADER]: String(audio.cached),
  };
}

/** The page's side of the boundary: the body's bytes and headers checked, or undefined. */
export function speechAudioFromWire(
  wav: Uint8Array<ArrayBuffer>,
  header: (name: string) => string | null,
): SpeechAudioBytes | undefined {
  const duration = header(SPEECH_DURATION_HEADER);
  const cached = header(SPEECH_CACHED_HEADER);
  const durationMs = duration === null || !/^\d{1,9}$/.test(duration) ? Number.NaN : Number(duration);
  if (Number.isNaN(durationMs) || (cached !== 'true' && cached !== 'false')) return undefined;
  if (wav.byteLength < 12 || wav.byteLength > MAX_WAV_BYTES) return undefined;
  return { wav, durationMs, cached: cached === 'true' };
}
