/**
 * Removes what looks like personal data from a resident's feedback comment (issue 18) before it leaves the kiosk,
 * and again on the hub: names, addresses, phone numbers, e-mail addresses, IBANs, ID and tax numbers, dates of
 * birth, long digit runs, and every word of the answers the resident typed in this session. Pure, no I/O.
 *
 * It errs on the side of removing too much: a comment that loses a harmless word is still useful to staff, one
 * that keeps a name is a leak. No npm library covers German ID, tax and address forms in these eight languages,
 * so this is a table of small patterns (tested in tests/unit/strip-personal-data.test.ts).
 */

export const REMOVED = '[entfernt]';

/** Letters and digits of any script; used to find word edges without \b (which knows only ASCII). */
const WORD_CHAR = '[\\p{L}\\p{N}]';
const NOT_AFTER_WORD = `(?<!${WORD_CHAR})`;
const NOT_BEFORE_WORD = `(?!${WORD_CHAR})`;
/** A capitalised word (Latin, Cyrillic, Greek...), with hyphenated parts ("Müller-Lüdenscheidt"). */
const CAP_WORD = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}?[\\p{Ll}'’]+)*";
/** A word in a script without capitals (Arabic), or any capitalised word. */
const NAME_WORD = `(?:${CAP_WORD}|[\\p{Script=Arabic}]{2,})`;
/** One to three name words after a phrase that introduces a name. */
const NAME_AFTER = `\\s*[:,]?\\s*${NAME_WORD}(?:\\s+${NAME_WORD}){0,2}`;

const MONTHS = [
  'januar',
  'jänner',
  'februar',
  'märz',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'dezember',
  'january',
  'february',
  'march',
  'may',
  'june',
  'july',
  'october',
  'december',
  'ocak',
  'şubat',
  'mart',
  'nisan',
  'mayıs',
  'haziran',
  'temmuz',
  'ağustos',
  'eylül',
  'ekim',
  'kasım',
  'aralık',
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
].join('|');

/** Street words, as a suffix ("Hauptstraße", "Am Sandeweg") or a word of their own ("Baker Street", "ул."). */
const STREET_SUFFIX =
  '(?:straße|strasse|str\\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|pfad|steig|markt|wall|twiete|stieg)';
const STREET_WORD =
  '(?:straße|strasse|str\\.|street|st\\.|road|rd\\.|avenue|ave\\.|lane|caddesi|cad\\.|sokak|sokağı|sk\\.|mahallesi|mah\\.|ulica|ul\\.|ул\\.|улица|вулиця|вул\\.|проспект|пр\\.|شارع)';
/** Phrases that introduce a name, in the kiosk's languages, and titles before one. */
const NAME_INTRO =
  "(?:ich heiße|ich heisse|mein name ist|name:|my name is|i am called|i'm called|call me|benim adım|adım|ismim|меня зовут|моє ім'я|мене звати|моя фамилия|фамилия|nazywam się|mam na imię|اسمي|أنا اسمي|herrn|herr|frau|hr\\.|fr\\.|dr\\.|prof\\.|mrs\\.?|mr\\.?|ms\\.?|miss|sayın|господин|госпожа|пан|пані|pani|السيد|السيدة)";
const HOUSE_NUMBER = '(?:(?:[nN][oOrR]|д|буд)\\.?\\s*:?\\s*)?\\p{Nd}{1,4}(?:\\s?[a-zA-Z](?![\\p{L}]))?(?![\\p{Nd}])';
const ADDRESS_LEAD = '(?:am|an der|an den|auf der|auf dem|im|in der|hinter der|hinter dem|unter den|zum|zur|bei der)';

interface Rule {
  /** What it removes, for the tests' table and for reading. */
  kind: string;
  pattern: RegExp;
  /** A match this says no to stays (a pattern alone cannot count digits). */
  applies?: (match: string) => boolean;
}

/**
 * Keywords in any case while the name after them must be capitalised: Node 20 has no `(?i:)` group, and the
 * `i` flag would make \p{Lu} match small letters too.
 */
function anyCase(words: string): string {
  return words.replace(/\p{L}/gu, (letter) => {
    const lower = letter.toLocaleLowerCase('de');
    const upper = letter.toLocaleUpperCase('de');
    return lower === upper || upper.length > 1 ? letter : `[${lower}${upper}]`;
  });
}

function digitCount(text: string): number {
  return (text.match(/\p{Nd}/gu) ?? []).length;
}

/** Applied in order: the specific forms first, so a later broad rule does not split them. */
const RULES: readonly Rule[] = [
  {
    kind: 'email',
    pattern: /[\p{L}\p{N}._%+-]+\s?(?:@|\(at\)|\[at\])\s?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu,
  },
  { kind: 'url', pattern: /\b(?:https?:\/\/|www\.)\S+/giu },
  // DE89 3704 0044 0532 0130 00 and other countries' IBANs, with or without spaces.
  {
    kind: 'iban',
    pattern: /(?<![\p{L}\p{N}])[A-Z]{2}\s?\p{Nd}{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?(?![\p{L}\p{N}])/giu,
    applies: (match) => digitCount(match) >= 10,
  },
  // "geboren am 1. März 1980", "12.03.1980", "1980-03-12", "3/12/1980", "12 марта 1980".
  {
    kind: 'date',
    pattern: new RegExp(
      `${NOT_AFTER_WORD}(?:\\p{Nd}{1,2}\\.?\\s*(?:${MONTHS})\\s*\\p{Nd}{2,4}|(?:${MONTHS})\\s+\\p{Nd}{1,2},?\\s+\\p{Nd}{4}|\\p{Nd}{1,2}\\s?[./-]\\s?\\p{Nd}{1,2}\\s?[./-]\\s?\\p{Nd}{2,4}|\\p{Nd}{4}-\\p{Nd}{2}-\\p{Nd}{2})${NOT_BEFORE_WORD}`,
      'giu',
    ),
  },
  // +49 4141 12345, 04141/123-456, (0176) 1234567, 0 41 41 - 40 10: a leading + or 0, then six digits or more.
  {
    kind: 'phone',
    pattern: new RegExp(
      `${NOT_AFTER_WORD}(?:\\+|00|0)\\s?\\(?\\p{Nd}(?:[\\s/().-]{0,2}\\p{Nd}){5,}${NOT_BEFORE_WORD}`,
      'gu',
    ),
  },
  // Street and number: "Hauptstraße 12a", "Am Sande 3", "Baker Street 221b", "221b Baker Street", "ул. Ленина, д. 5".
  {
    kind: 'address',
    pattern: new RegExp(
      [
        `${NOT_AFTER_WORD}[\\p{L}-]*${anyCase(STREET_SUFFIX)}\\s*,?\\s*${HOUSE_NUMBER}`,
        `${NOT_AFTER_WORD}${NAME_WORD}(?:\\s+${NAME_WORD})?\\s+${anyCase(STREET_WORD)}\\s*,?\\s*${HOUSE_NUMBER}`,
        `${NOT_AFTER_WORD}${anyCase(STREET_WORD)}\\s*${NAME_WORD}(?:\\s+${NAME_WORD})?\\s*,?\\s*${HOUSE_NUMBER}`,
        `${NOT_AFTER_WORD}\\p{Nd}{1,4}\\s?[a-zA-Z]?\\s+${NAME_WORD}(?:\\s+${NAME_WORD})?\\s+${anyCase(STREET_WORD)}`,
        `${NOT_AFTER_WORD}${anyCase(ADDRESS_LEAD)}\\s+${CAP_WORD}\\s*,?\\s*${HOUSE_NUMBER}`,
      ].join('|'),
      'gu',
    ),
  },
  // A postcode and the town after it: "21682 Stade".
  { kind: 'postcode', pattern: new RegExp(`${NOT_AFTER_WORD}\\p{Nd}{5}\\s+${NAME_WORD}`, 'gu') },
  // Personalausweis and passport numbers (9–10 letters and digits, at least one digit), tax and residence IDs.
  {
    kind: 'id',
    pattern: /(?<![\p{L}\p{N}])(?=[A-Z0-9]*\p{Nd})(?=[A-Z0-9]*[A-Z])[A-Z0-9]{7,12}(?![\p{L}\p{N}])/gu,
  },
  // Tax ID (11 digits), Turkish T.C. kimlik no, SNILS, account numbers: any run of five digits or more.
  { kind: 'digits', pattern: new RegExp(`${NOT_AFTER_WORD}\\p{Nd}(?:[\\s./-]?\\p{Nd}){4,}`, 'gu') },
  // A name after a phrase that introduces one, in the kiosk's languages.
  {
    kind: 'name',
    pattern: new RegExp(`(?<![\\p{L}])${anyCase(NAME_INTRO)}(?:\\s*${anyCase(NAME_INTRO)})*${NAME_AFTER}`, 'gu'),
  },
  // A Turkish name before its title: "Ayşe Hanım", "Mehmet Bey".
  { kind: 'name', pattern: new RegExp(`${CAP_WORD}(?:\\s+${CAP_WORD})?\\s+(?:Bey|Hanım|Hanim)\\b`, 'gu') },
];

/**
 * Capitalised words that are not names: the town, its places and the kiosk's own words. Two capitalised words in a
 * row that include one of these stay (German capitalises nouns: "im Rathaus Stade" is not a name).
 */
const NOT_NAMES = new Set(
  [
    'stade',
    'rathaus',
    'bürgerbüro',
    'bürgeramt',
    'standesamt',
    'kiosk',
    'bürgerkiosk',
    'termin',
    'schalter',
    'formular',
    'antrag',
    'personalausweis',
    'reisepass',
    'wohngeld',
    'hilfe',
    'tastatur',
    'bildschirm',
    'seite',
    'frage',
    'fragen',
    'danke',
    'vielen',
    'dank',
    'gut',
    'sehr',
    'ich',
    'sie',
    'wir',
    'the',
    'and',
  ].map((word) => word.toLocaleLowerCase('de')),
);

/** Two or more capitalised words in a row, not at the start of a sentence: likely a first and family name. */
const NAME_PAIR = new RegExp(`(?<=[\\p{L}\\p{N},;]\\s+)${CAP_WORD}(?:[ \\t]+${CAP_WORD})+`, 'gu');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words of the session's answers worth removing: three letters or more, not a plain lower-case code. */
function answerWords(known: readonly string[]): string[] {
  const words = new Set<string>();
  for (const value of known) {
    const trimmed = value.trim();
    // Choice codes ("married", "yes") are lower-case ASCII: they are no one's name.
    if (trimmed.length < 3 || /^[a-z0-9-]+$/.test(trimmed)) continue;
    // The whole answer first ("Am Sande 3"), then each of its words ("Max", "Mustermann").
    words.add(trimmed);
    for (const word of trimmed.split(/[\s,;]+/u)) {
      const plain = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (plain.length < 3 || /^[a-z0-9-]+$/.test(plain)) continue;
      words.add(plain);
    }
  }
  // Longest first, so "Mustermann-Schulz" goes before "Mustermann".
  return [...words].sort((a, b) => b.length - a.length);
}

/**
 * The comment with personal data replaced by "[entfernt]". `known` are the strings the resident typed in this
 * session (their answers): each of them, and each of their words, is removed wherever it appears.
 */
export function stripPersonalData(text: string, known: readonly string[] = []): string {
  let result = text.normalize('NFC');
  for (const word of answerWords(known.map((value) => value.normalize('NFC')))) {
    const pattern = new RegExp(`${NOT_AFTER_WORD}${escapeRegExp(word)}${NOT_BEFORE_WORD}`, 'giu');
    result = result.replace(pattern, REMOVED);
  }
  for (const rule of RULES) {
    result = result.replace(rule.pattern, (match) => (rule.applies && !rule.applies(match) ? match : REMOVED));
  }
  result = result.replace(NAME_PAIR, (match) =>
    match.split(/\s+/u).some((word) => NOT_NAMES.has(word.toLocaleLowerCase('de'))) ? match : REMOVED,
  );
  // "[entfernt] [entfernt]" says no more than one marker.
  const marker = escapeRegExp(REMOVED);
  return result.replace(new RegExp(`${marker}(?:[\\s,.-]*${marker})+`, 'gu'), REMOVED);
}

/** Exposed for the tests' table: which kinds of data the rules cover. */
export const STRIP_RULE_KINDS: readonly string[] = [...new Set(RULES.map((rule) => rule.kind))];
