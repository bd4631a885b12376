/**
 * Greedy line breaking for narrow columns (the 80 mm receipt holds about 30
 * characters a line). Breaks at spaces; a word too long for a whole line is
 * broken at a soft hyphen (U+00AD, which translators may put into long
 * compounds: "Bürger\u00ADservice\u00ADbüro"), after a hyphen, dash or slash,
 * and only as a last resort between two letters, with a hyphen added.
 */

const SOFT_HYPHEN = '\u00ad';
const BREAK_AFTER = new Set(['-', '\u2010', '\u2013', '\u2014', '/']);

interface Piece {
  text: string;
  /** Breaking after this piece needs a visible hyphen (it ended at a soft hyphen). */
  soft: boolean;
}

/** Splits a word at its break opportunities; the last piece never breaks. */
function pieces(word: string): Piece[] {
  const result: Piece[] = [];
  let text = '';
  const chars = [...word];
  chars.forEach((char, i) => {
    if (char === SOFT_HYPHEN) {
      if (text !== '') result.push({ text, soft: true });
      text = '';
      return;
    }
    text += char;
    // Not at the start or end: "-5" and "Straßen-" keep their hyphen attached.
    if (BREAK_AFTER.has(char) && text.length > 1 && i < chars.length - 1) {
      result.push({ text, soft: false });
      text = '';
    }
  });
  if (text !== '' || result.length === 0) result.push({ text, soft: false });
  return result;
}

const joined = (list: Piece[]) => list.map((piece) => piece.text).join('');

/** Breaks `text` into lines no wider than `maxWidth` as measured by `measure`. Newlines force a break. */
export function wrapText(text: string, maxWidth: number, measure: (line: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/[ \t]+/).filter((w) => w !== '')) {
      let rest = pieces(word);
      while (rest.length > 0) {
        const whole = joined(rest);
        if (line !== '') {
          if (measure(`${line} ${whole}`) <= maxWidth) {
            line = `${line} ${whole}`;
            rest = [];
          } else {
            lines.push(line);
            line = '';
          }
          continue;
        }
        if (measure(whole) <= maxWidth) {
          line = whole;
          rest = [];
          continue;
        }
        // The word alone is too long: break it at the last opportunity that fits.
        let fitted = 0;
        for (let k = rest.length - 1; k >= 1; k -= 1) {
          const head = joined(rest.slice(0, k)) + (rest[k - 1]!.soft ? '-' : '');
          if (measure(head) <= maxWidth) {
            fitted = k;
            lines.push(head);
            break;
          }
        }
        if (fitted > 0) {
          rest = rest.slice(fitted);
          continue;
        }
        const [first, ...others] = rest;
        const [head, tail] = splitByCharacters(first!.text, maxWidth, measure);
        lines.push(head);
        rest = tail === '' ? others : [{ text: tail, soft: first!.soft }, ...others];
      }
    }
    lines.push(line);
  }
  // A trailing empty paragraph adds no line; empty text yields one empty line.
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Last resort: as many characters as fit, plus a hyphen; never a lone character on either side if avoidable. */
function splitByCharacters(word: string, maxWidth: number, measure: (line: string) => number): [string, string] {
  const chars = [...word];
  let count = 1;
  while (count < chars.length - 1 && measure(`${chars.slice(0, count + 1).join('')}-`) <= maxWidth) count += 1;
  if (chars.length - count === 1 && count > 2) count -= 1;
  if (count >= chars.length) return [word, ''];
  return [`${chars.slice(0, count).join('')}-`, chars.slice(count).join('')];
}
