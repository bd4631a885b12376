import { fieldType, type AnswerInput, type CleanResult, type Field } from '../../contract';
import type { JsonSchemaObject } from '../catalog/loaded-service';

/**
 * Turns what the renderer sent for one field into the value the schema sees, by the field's type
 * (contract/fields/<type>/): strings checked for hidden characters (never stored), NFC-normalised and
 * trimmed; dates from parts to ISO; numbers from text.
 */
export { cleanString, dateFromParts, type CleanResult } from '../../contract';

export function cleanAnswer(field: Field, property: JsonSchemaObject, input: AnswerInput | undefined): CleanResult {
  if (input === undefined) return { kind: 'empty' };
  return fieldType(field.type).clean(input, field, property);
}
