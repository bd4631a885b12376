import { z } from 'zod';

/**
 * The shape of a service file, `resources/services/<id>/service.json`.
 * The core validates each file against this at start-up (and refuses a broken
 * file, naming the file and the JSON path); the renderer receives the same
 * shape through `catalog.get`. Every text is an i18next key in the service's
 * own namespace `svc-<id>` (files `resources/services/<id>/locales/<lang>.json`).
 */

const Id = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/);
const FieldName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,62}$/);
const TextKey = z
  .string()
  .regex(/^[a-zA-Z0-9_.-]+$/)
  .max(200);

/** A condition on earlier answers: the step is shown only when it holds. */
export type Condition =
  | { field: string; equals: string | boolean }
  | { field: string; in: string[] }
  | { field: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: FieldName, equals: z.union([z.string(), z.boolean()]) }),
    z.strictObject({ field: FieldName, in: z.array(z.string()).min(1) }),
    z.strictObject({ field: FieldName, answered: z.boolean() }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
  ]),
);

export const FIELD_TYPES = [
  'text', // one line
  'textarea', // several lines
  'radio', // one of options
  'checkboxes', // several of options → string[]
  'confirm', // a single checkbox → boolean (e.g. consent)
  'date', // three number fields → ISO date string "YYYY-MM-DD"
  'email',
  'tel',
  'postcode', // German postcode, numeric pad
  'number',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const OptionSchema = z.strictObject({
  value: z.string().regex(/^[a-z0-9_-]{1,64}$/),
  labelKey: TextKey,
  hintKey: TextKey.optional(),
});

export const FieldSchema = z.strictObject({
  /** Property name in the service's JSON Schema. */
  name: FieldName,
  type: z.enum(FIELD_TYPES),
  /** Label; for a step with one field the step title is the label and this may be omitted. */
  labelKey: TextKey.optional(),
  hintKey: TextKey.optional(),
  /** Shown as "(optional)" written out; required-ness itself comes from the JSON Schema. */
  optional: z.boolean().default(false),
  options: z.array(OptionSchema).min(1).optional(),
  /** HTML autocomplete token. Kiosks never remember, but it helps assistive tech. */
  autocomplete: z.string().max(40).optional(),
  /** Character limit shown as a count under textareas; the JSON Schema's maxLength stays authoritative. */
  maxLength: z.number().int().positive().optional(),
  /** Visual width hint, GOV.UK style. */
  width: z.enum(['2', '4', '5', '10', '20', 'full']).optional(),
  /** True for data a bystander must not hear (never spoken unless a headset is used). */
  personal: z.boolean().default(true),
  /**
   * Which letters the field takes: 'latin' for names and addresses, written as in the identity card
   * (the authority's registers hold Latin letters); 'any' for free text. Without it, see fieldScript.
   */
  script: z.enum(['latin', 'any']).optional(),
});
export type Field = z.infer<typeof FieldSchema>;

export { fieldScript, startsWithCapital } from './field-script';

export const StepSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/),
  /** The question, shown as the page heading. */
  titleKey: TextKey,
  hintKey: TextKey.optional(),
  /** Longer help shown by "Hilfe" on this step. */
  helpKey: TextKey.optional(),
  when: ConditionSchema.optional(),
  fields: z.array(FieldSchema).min(1).max(6),
});
export type Step = z.infer<typeof StepSchema>;

export const FeeSchema = z.strictObject({
  labelKey: TextKey,
  amountCents: z.number().int().min(0),
  currency: z.literal('EUR'),
});

export const OfficeSchema = z.strictObject({
  nameKey: TextKey,
  addressKey: TextKey,
  openingHoursKey: TextKey,
  /** How to get in step-free, for example. */
  accessKey: TextKey.optional(),
  phone: z.string().max(40).optional(),
  email: z.string().max(120).optional(),
});

export const ServiceDefinitionSchema = z.strictObject({
  id: Id,
  /** Schema version of this file format. */
  formatVersion: z.literal(1),
  /** Icon name known to the renderer; unknown names fall back to a generic icon. */
  icon: z.string().regex(/^[a-z-]{1,40}$/),
  order: z.number().int(),
  titleKey: TextKey,
  summaryKey: TextKey,
  /** Search words ("umziehen"), comma separated in each language. */
  keywordsKey: TextKey.optional(),
  /** LeiKa key (14 digits) where the service has one. */
  leikaKey: z
    .string()
    .regex(/^\d{14}$/)
    .optional(),
  /** File name of the JSON Schema for the answers, relative to service.json. */
  schema: z.string().regex(/^[a-z0-9-]+\.json$/),
  fees: z.array(FeeSchema),
  documentsToBring: z.array(z.strictObject({ labelKey: TextKey })),
  office: OfficeSchema,
  /** What happens after sending, shown on the confirmation page. */
  nextStepsKeys: z.array(TextKey).min(1),
  journey: z.strictObject({ steps: z.array(StepSchema).min(1).max(40) }),
});
export type ServiceDefinition = z.infer<typeof ServiceDefinitionSchema>;

export { serviceNamespace } from './namespaces';
