import type { FontFace } from './fonts';

/** A stretch of text drawn with one face. */
export interface TextRun {
  face: FontFace;
  text: string;
}

export class MissingGlyphError extends Error {
  constructor(readonly characters: string[]) {
    super(
      `No receipt font has ${characters.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}`,
    );
  }
}

/** Spaces the fonts lack but Intl output may contain (e.g. U+202F before "AM"), mapped to ones they have. */
const SUBSTITUTES: Record<string, string> = { '\u202f': '\u00a0', '\u2007': '\u00a0', '\u2011': '-' };

const NEUTRAL = /^[\s\p{P}]$/u;

export function normalizeForFonts(text: string): string {
  return text.normalize('NFC').replace(/[\u202f\u2007\u2011]/g, (char) => SUBSTITUTES[char]!);
}

/**
 * Splits text into runs, each drawn with the first face that has its
 * characters, so Latin letters after a Cyrillic word return to the kiosk
 * font, and a zero is drawn without a slash. Spaces and punctuation stay in the current run's face when it has
 * them, so they do not switch fonts needlessly.
 */
export function splitRuns(text: string, faces: readonly FontFace[]): TextRun[] {
  // The main face is the first that has letters; a face before it (the unslashed zero) takes only its own digit.
  const main = faces.find((candidate) => candidate.covers(0x41)) ?? faces[0];
  const beforeMain = main ? faces.slice(0, faces.indexOf(main)) : [];
  const runs: TextRun[] = [];
  const missing = new Set<string>();
  let current: TextRun | undefined;
  for (const char of normalizeForFonts(text)) {
    const codePoint = char.codePointAt(0)!;
    const keep = current?.face.covers(codePoint) && (current.face === main || NEUTRAL.test(char));
    const face =
      beforeMain.find((candidate) => candidate.covers(codePoint)) ??
      (keep ? current!.face : faces.find((candidate) => candidate.covers(codePoint)));
    if (!face) {
      missing.add(char);
    } else if (face === current?.face) {
      current.text += char;
    } else {
      current = { face, text: char };
      runs.push(current);
    }
  }
  // A receipt with boxes instead of letters would mislead; better no receipt and a clear error.
  if (missing.size > 0) throw new MissingGlyphError([...missing]);
  return runs;
}
