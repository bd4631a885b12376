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
