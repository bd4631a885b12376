import MiniSearch, { type SearchOptions } from 'minisearch';

/** What the finder knows of one service in one language: its own words and, outside German, the German ones. */
export interface SearchDocument {
  id: string;
  title: string;
  /** The locale file's `keywords`: synonyms residents use, comma separated. */
  keywords: string;
  /** The German title and keywords, so the official word ("Perso", "Meldebescheinigung") works in every language. */
  germanTitle?: string;
  germanKeywords?: string;
}

export interface ServiceSearch {
  /** Service ids, best match first; empty for no match or a query without letters. */
  find(query: string): string[];
}

/** Below this many letters a query word matches only exactly or as a prefix: "Pa" must not match "Ha". */
const FUZZY_FROM = 4;
/** Queries shorter than this find nothing: one letter would list every service. */
const MIN_QUERY = 2;

/**
 * Case, accents and the German sharp s do not count: "mull" finds "Müll", "strasse" "Straße", and
 * Arabic vowel marks are ignored. NFD splits a letter from its marks, which are then dropped.
 */
export function normalizeTerm(term: string): string {
  return term.toLowerCase().replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}/gu, '').replace(/ـ/g, ''); // Arabic tatweel, a stretching stroke with no meaning
}

/**
 * Words are runs of letters and digits in any script; commas, hyphens and spaces separate them.
 * A word counts once per field: a synonym list that says "Müll, wilder Müll" is not twice as much about
 * rubbish as one that says "Müll" once (the ranking's term frequency would otherwise reward repetition).
 */
function tokenize(text: string): string[] {
  return [...new Set(text.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0))];
}

/**
 * Typo tolerance grows with the word: none for short words, one letter wrong from 4 letters
 * ("Hunt" → "Hund"), two from 8 ("Personalauswis").
 */
function fuzziness(term: string): number {
  if (term.length < FUZZY_FROM) return 0;
  return term.length < 8 ? 1 : 2;
}

const SEARCH: SearchOptions = {
  // A resident types word beginnings ("Perso", "umzie") and the list narrows with each key.
  prefix: (term) => term.length >= 2,
  fuzzy: fuzziness,
  // The resident's language first; the German words help in every language.
  boost: { title: 4, keywords: 3, germanTitle: 2, germanKeywords: 2 },
  combineWith: 'OR',
  weights: { fuzzy: 0.3, prefix: 0.6 },
};

/**
 * The finder's index over one language's texts (MiniSearch: a maintained full-text library with
 * prefix and edit-distance search). Built in the renderer, which holds the resident's language already.
 */
export function buildServiceSearch(documents: readonly SearchDocument[]): ServiceSearch {
  const index = new MiniSearch<SearchDocument>({
    // Not the summary: its incidental words ("wilden Müll" in the report of a problem) outranked the
    // synonyms a service's editor chose for it. The synonyms are the one place for search words.
    fields: ['title', 'keywords', 'germanTitle', 'germanKeywords'],
    storeFields: [],
    tokenize,
    processTerm: (term) => {
      const normal = normalizeTerm(term);
      return normal.length > 0 ? normal : null;
    },
    searchOptions: SEARCH,
  });
  index.addAll(documents);
  // Equal scores keep the catalogue's order (the town's `order`), not the index's.
  const position = new Map(documents.map((document, at) => [document.id, at]));
  return {
    find(query) {
      const trimmed = query.trim();
      if ([...trimmed].length < MIN_QUERY) return [];
      return index
        .search(trimmed)
        .sort((a, b) => b.score - a.score || position.get(a.id as string)! - position.get(b.id as string)!)
        .map((result) => String(result.id));
    },
  };
}
