import type { AnswerInput, DateParts, Field, ScalarAnswer } from '../../contract';
import { fieldType } from '../../contract/fields/registry';

/** What a field holds while the resident types; sent as-is so nothing typed is ever lost. */
export type DraftValue = string | string[] | boolean | DateParts;

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** Stored answer → what the inputs show (ISO date → three parts, numbers → text), by what the type's input sends. */
export function draftFromAnswer(field: Field, answer: ScalarAnswer | undefined): DraftValue {
  switch (fieldType(field.type).input) {
    case 'choices':
      return Array.isArray(answer) ? answer : [];
    case 'flag':
      return answer === true;
    case 'date': {
      const match = typeof answer === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(answer) : null;
      if (!match) return EMPTY_DATE;
      return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? '' };
    }
    default:
      return answer === undefined || Array.isArray(answer) ? '' : String(answer);
  }
}

/** Draft → answer input for session.answer. Empty strings are sent too: that clears an optional answer. */
export function inputFromDraft(field: Field, draft: DraftValue): AnswerInput {
  switch (fieldType(field.type).input) {
    case 'choices':
      return Array.isArray(draft) ? draft : [];
    case 'flag':
      return draft === true;
    case 'date':
      return isDateParts(draft) ? draft : EMPTY_DATE;
    default:
      return typeof draft === 'string' ? draft : '';
  }
}

export function isDateParts(value: DraftValue): value is DateParts {
  return typeof value === 'object' && !Array.isArray(value);
}
