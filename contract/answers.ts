import { z } from 'zod';

/** Hard transport limits; the service schema sets the real, smaller limits. */
export const MAX_TEXT_LENGTH = 5000;
export const MAX_LIST_LENGTH = 50;

export const DatePartsSchema = z.strictObject({
  day: z.string().max(4),
  month: z.string().max(4),
  year: z.string().max(6),
});
export type DateParts = z.infer<typeof DatePartsSchema>;

/** What the renderer sends for one field. Dates go as parts; the core turns them into ISO dates. */
export const AnswerInputSchema = z.union([
  z.string().max(MAX_TEXT_LENGTH),
  z.array(z.string().max(200)).max(MAX_LIST_LENGTH),
  z.boolean(),
  DatePartsSchema,
]);
export type AnswerInput = z.infer<typeof AnswerInputSchema>;

/** What the core stores and returns: dates as "YYYY-MM-DD", numbers as numbers. */
export const ScalarAnswerSchema = z.union([z.string(), z.number(), z.array(z.string()), z.boolean()]);
export type ScalarAnswer = z.infer<typeof ScalarAnswerSchema>;
/** One item of a repeatable group ("Person 2"): its fields' answers (contract/service.ts RepeatSchema). */
export const GroupItemSchema = z.record(z.string(), ScalarAnswerSchema);
export type GroupItem = z.infer<typeof GroupItemSchema>;
export const AnswerValueSchema = z.union([ScalarAnswerSchema, z.array(GroupItemSchema).max(MAX_LIST_LENGTH)]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;
export type Answers = Record<string, AnswerValue>;
