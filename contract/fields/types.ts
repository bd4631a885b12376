import type { AnswerInput, AnswerValue, ScalarAnswer } from '../answers';
import type { FieldErrorCode } from '../result';
import type { Field } from '../service';

/**
 * What a field type is, in one object: the core validates and cleans its answers with it, the
 * catalogue checks a service's fields against it, and the check page, the speech and the PDF write its
 * answers with it. Zod-free and React-free, so the core, the contract and the renderer all import it;
 * the input component is named by `component` and registered in renderer/fields/components.ts.
 */
export interface FieldTypeDefinition {
  /** The `type` a service.json field gives ("text", "date"). */
  readonly name: string;
  /** What the input sends and a draft holds: a string, a list of option values, a tick, or day/month/year. */
  readonly input: 'text' | 'choices' | 'flag' | 'date';
  /** The renderer's input component for it (a key of renderer/fields/components.ts). */
  readonly component: string;
  /** JSON Schema types the answer's property may have (core/catalog/cross-check.ts). */
  readonly schemaTypes: readonly string[];
  /** Chosen from `options`, which the field must have; the schema lists the values in `enum` or `items.enum`. */
  readonly options?: 'enum' | 'items';
  /** Conditions that compare the answer: `number` (greaterThan, lessThan, a fee's perCount) or `age` (ageUnder). */
  readonly compare?: 'number' | 'age';
  /** What the renderer sent → the value the schema sees, or why not (never stored when it fails). */
  readonly clean: (input: AnswerInput, field: Field, property: AnswerProperty) => CleanResult;
  /** A given answer in words; `words` says how (check page, speech or PDF). */
  readonly text: (value: ScalarAnswer, words: AnswerWords) => string;
  /** No answer reads "Nein" rather than "Nicht angegeben" on the check page (a box left unticked). */
  readonly unansweredIsNo?: boolean;
  /** Typed by the resident (not chosen): a check-page row of such fields reads left to right (an address). */
  readonly typed: boolean;
  /** Written left to right in every language (phone numbers, e-mail addresses). */
  readonly ltr?: boolean;
  /** A one-line input's native settings (the `line` component). */
  readonly html?: HtmlInputSettings;
  /** Names and addresses (by their autocomplete token) take Latin letters and start with a capital. */
  readonly latinNames?: boolean;
  /** Extra common-namespace texts said after the field's hint ("Tag, Monat, Jahr"), by session language. */
  readonly spokenHintKeys?: (language: string | undefined) => readonly string[];
  /** A plausible typed answer, for test plans and examples. */
  readonly example?: string;
}

export interface HtmlInputSettings {
  type: 'text' | 'email' | 'tel';
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email' | 'tel';
  spellCheck?: boolean;
  dir?: 'ltr';
  /** The autocomplete token when the service names none. */
  autocomplete?: string;
}

/** The part of the answer's JSON Schema property cleaning reads (numbers: integer or decimal). */
export interface AnswerProperty {
  type?: string | string[];
}

export type CleanResult =
  | { kind: 'value'; value: AnswerValue }
  | { kind: 'empty' }
  | { kind: 'error'; code: FieldErrorCode; params?: Record<string, string | number> };

/** How one medium (check page, speech, PDF) writes the pieces of an answer. */
export interface AnswerWords {
  yes: string;
  no: string;
  /** An option's label (its value when the field has no such option). */
  option: (value: string) => string;
  /** An ISO date "1980-12-24" (returned unchanged when it is none). */
  date: (iso: string) => string;
  /** A number to be read digit by digit (phone numbers): spoken "0 4 1 4 1", written as it is. */
  digits: (text: string) => string;
  /** Between several chosen options. */
  listSeparator: string;
}
