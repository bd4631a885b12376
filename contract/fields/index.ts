/** The field type registry: each type in its own folder here (contract/fields/<type>/index.ts). */
export { fieldType, fieldTypeNames, findFieldType, fieldTypes, isFieldType, registerFieldType } from './registry';
export { BUILT_IN_FIELD_TYPES } from './built-in';
export { cleanString, cleanText, dateFromParts, invalid, numberFromText, type TextCleaning } from './clean';
export { plainText } from './words';
export type { AnswerProperty, AnswerWords, CleanResult, FieldTypeDefinition, HtmlInputSettings } from './types';
