import { z } from 'zod';
import { SERVICE_CATEGORIES } from './categories';
import { BUILT_IN_FIELD_TYPES, fieldTypeNames, isFieldType } from './fields';
import { OfficeId } from './office';

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

/**
 * A condition on earlier answers: a step, fee, next step or document applies only when it holds.
 * `greaterThan`/`lessThan` compare a number answer; `not` turns any condition round.
 * `ageUnder` holds when a date answer (a date of birth) is less than that many whole years before the
 * core's "today"; it decides fees, documents and next steps only (cross-check.ts), never a step.
 */
export type Condition =
  | { field: string; equals: string | boolean }
  | { field: string; in: string[] }
  | { field: string; answered: boolean }
  | { field: string; greaterThan: number }
  | { field: string; lessThan: number }
  | { field: string; ageUnder: number }
  | { not: Condition }
  | { all: Condition[] }
  | { any: Condition[] };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: FieldName, equals: z.union([z.string(), z.boolean()]) }),
    z.strictObject({ field: FieldName, in: z.array(z.string()).min(1) }),
    z.strictObject({ field: FieldName, answered: z.boolean() }),
    z.strictObject({ field: FieldName, greaterThan: z.number().finite() }),
    z.strictObject({ field: FieldName, lessThan: z.number().finite() }),
    z.strictObject({ field: FieldName, ageUnder: z.number().int().min(1).max(150) }),
    z.strictObject({ not: ConditionSchema }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
  ]),
);

/**
 * The field types, one folder each in ./fields/ (text, textarea, radio, checkboxes, confirm, date, email, tel,
 * postcode, number): the registry there says how each is cleaned, checked and written as text. These are the
 * shipped ones; fieldTypeNames() also lists any registered later.
 */
export const FIELD_TYPES: readonly string[] = BUILT_IN_FIELD_TYPES.map((type) => type.name);
/** A registered field type's name (./fields/registry.ts). */
export type FieldType = string;

/** A field's `type`: a name in the registry at the time the file is read (a test may register a fixture type). */
export const FieldTypeSchema = z.string().refine(isFieldType, {
  error: (issue) => `unknown field type ${JSON.stringify(issue.input)}; known: ${fieldTypeNames().join(', ')}`,
});

export const OptionSchema = z.strictObject({
  value: z.string().regex(/^[a-z0-9_-]{1,64}$/),
  labelKey: TextKey,
  hintKey: TextKey.optional(),
});

export const FieldSchema = z.strictObject({
  /** Property name in the service's JSON Schema. */
  name: FieldName,
  type: FieldTypeSchema,
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

/**
 * A repeatable group ("Wer zieht mit um?"): the step's fields are asked once per item, and the answer
 * `name` is an array of objects (one per item) in the service's JSON Schema, whose `minItems`/`maxItems`
 * must equal `min`/`max` (core/catalog/cross-check.ts). A group without `max` is refused at start-up.
 */
export const RepeatSchema = z
  .strictObject({
    /** The answers property that holds the items (a JSON Schema array of objects). */
    name: FieldName,
    /** How many items the resident must give; 0 lets the list stay empty. */
    min: z.number().int().min(0).max(20).default(0),
    /** The limit: "add another" is offered up to this many items. Required. */
    max: z.number().int().min(1).max(20),
    /** One item's name with its number, ICU {number}: "Person {number}". */
    itemLabelKey: TextKey,
    /** The button that adds an item: "Weitere Person hinzufügen". */
    addKey: TextKey,
    /** The item fields that name an item in the list and in error messages ("Erika Muster"). */
    summaryFields: z.array(FieldName).min(1).max(3),
  })
  .refine((repeat) => repeat.min <= repeat.max, { message: 'min is larger than max', path: ['min'] });
export type Repeat = z.infer<typeof RepeatSchema>;

export const STEP_KINDS = [
  'question', // fields to answer, then "Weiter"
  'outcome', // the journey ends here: what to do instead (no fields, needs `when`)
] as const;

export const StepSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/),
    kind: z.enum(STEP_KINDS).default('question'),
    /** The question (or, for an outcome, what happened), shown as the page heading. */
    titleKey: TextKey,
    hintKey: TextKey.optional(),
    /** Longer help shown by "Hilfe" on this step. */
    helpKey: TextKey.optional(),
    /** Help every resident needs, next to the question as an expandable detail ("Was ist …?"). */
    details: z.strictObject({ summaryKey: TextKey, textKey: TextKey }).optional(),
    /** A warning shown above the question, for example emergency numbers. */
    warningKey: TextKey.optional(),
    /** Outcome: what to do instead, one paragraph each; the office's phone and hours follow. */
    bodyKeys: z.array(TextKey).max(6).optional(),
    /** Outcome: another office than the service's own (an id in resources/offices/offices.json). */
    officeId: OfficeId.optional(),
    /** The check page shows this step's fields as one answer, with one "Ändern". */
    check: z
      .strictObject({
        labelKey: TextKey,
        /** Which fields share a line ("street houseNumber" / "postcode town"); default one line per field. */
        lines: z.array(z.array(FieldName).min(1)).min(1).optional(),
      })
      .optional(),
    when: ConditionSchema.optional(),
    /** Repeat the fields once per item (a repeatable group; see RepeatSchema). */
    repeat: RepeatSchema.optional(),
    fields: z.array(FieldSchema).max(6).default([]),
  })
  .superRefine((step, ctx) => {
    if (step.kind === 'question' && step.fields.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['fields'], message: 'a question step needs at least one field' });
    }
    if (step.kind === 'outcome') {
      if (step.fields.length > 0)
        ctx.addIssue({ code: 'custom', path: ['fields'], message: 'an outcome has no fields' });
      if (!step.when) ctx.addIssue({ code: 'custom', path: ['when'], message: 'an outcome needs a condition' });
      if (step.repeat) ctx.addIssue({ code: 'custom', path: ['repeat'], message: 'an outcome does not repeat' });
      if (!step.bodyKeys?.length) {
        ctx.addIssue({ code: 'custom', path: ['bodyKeys'], message: 'an outcome says what to do instead' });
      }
    }
  });
export type Step = z.infer<typeof StepSchema>;

export const FeeSchema = z.strictObject({
  labelKey: TextKey,
  amountCents: z.number().int().min(0),
  currency: z.literal('EUR'),
  /** The fee applies only when this holds (e.g. the kind of certificate chosen). */
  when: ConditionSchema.optional(),
  /** A number answer (e.g. copies) the amount is multiplied by; the fee is per piece. */
  perCount: FieldName.optional(),
});
export type Fee = z.infer<typeof FeeSchema>;

/** One "what happens next" text; with `when`, only for residents whose answers fit. */
export const NextStepSchema = z.union([TextKey, z.strictObject({ key: TextKey, when: ConditionSchema })]);
export type NextStep = z.infer<typeof NextStepSchema>;

/** The service's start page (GOV.UK start page): what it is for, who may use it, what you need, time, cost. */
export const StartPageSchema = z.strictObject({
  purposeKey: TextKey,
  /** Who can use it, for example only residents of Stade. */
  eligibilityKey: TextKey,
  needKeys: z.array(TextKey).max(10),
  durationKey: TextKey,
  /** Said with the fees, for example "Zahlen Sie bei der Abholung". */
  costNoteKey: TextKey.optional(),
  /** Shown before anything else on the page (safety notes such as 110 and 112). */
  warningKey: TextKey.optional(),
});

/** The life situations the start screen groups services by: in ./categories.ts, zod-free for the renderer. */
export { SERVICE_CATEGORIES, type ServiceCategory } from './categories';

/** Where a fact in the file (the LeiKa key, a fee, a rule) was checked, so the next editor can check it again. */
export const SourceSchema = z.strictObject({
  /** What the source supports, for example "leikaKey" or "fees". */
  about: z.string().min(1).max(80),
  /** An address, or a publication with its page. */
  reference: z.string().min(1).max(400),
});

/**
 * How a journey ends: `submit` sends the application (outbox, portal); `visit` sends nothing and prepares an
 * in-person visit (checklist, fee, office and a code for the desk, core/sessions/prepared-visit.ts).
 */
export const COMPLETIONS = ['submit', 'visit'] as const;
export type Completion = (typeof COMPLETIONS)[number];

export const ServiceDefinitionSchema = z.strictObject({
  /** For editors only: "../service.schema.json" (contract/service-json-schema.ts); the kiosk ignores it. */
  $schema: z.string().max(200).optional(),
  id: Id,
  /** The life situation the service belongs to on the start screen. */
  category: z.enum(SERVICE_CATEGORIES),
  /** Where the LeiKa key, the fees and the rules were checked. */
  sources: z.array(SourceSchema).max(20).optional(),
  /** Schema version of this file format. */
  formatVersion: z.literal(1),
  /** Sent as an application (default) or prepared as a visit to the office. */
  completion: z.enum(COMPLETIONS).default('submit'),
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
  documentsToBring: z.array(z.strictObject({ labelKey: TextKey, when: ConditionSchema.optional() })),
  /** The office that handles it: an id in resources/offices/offices.json (checked at start-up). */
  officeId: OfficeId,
  /** What happens after sending, shown on the confirmation page and the receipt. */
  nextStepsKeys: z.array(NextStepSchema).min(1),
  /** Optional in the format; every shipped service has one (tests/unit/service-pages.test.ts). */
  startPage: StartPageSchema.optional(),
  journey: z.strictObject({ steps: z.array(StepSchema).min(1).max(40) }),
});
export type ServiceDefinition = z.infer<typeof ServiceDefinitionSchema>;

/**
 * What the start screen, its tiles, the finder and the booking lookup read of a service: all that
 * `catalog.get` carries. The rest (journey, fees, documents, start page) comes with `catalog.service`
 * when a resident opens the service: 200 definitions made the start screen wait (issue 15's benchmark).
 */
export const ServiceSummarySchema = ServiceDefinitionSchema.pick({
  id: true,
  category: true,
  order: true,
  icon: true,
  officeId: true,
  titleKey: true,
  summaryKey: true,
  keywordsKey: true,
});
export type ServiceSummary = z.infer<typeof ServiceSummarySchema>;

/** The summary's texts (each with its `<key>_spoken` form): a tile, the finder's index and the start screen's speech. */
export const SUMMARY_TEXT_KEYS = [
  'titleKey',
  'summaryKey',
  'keywordsKey',
] as const satisfies readonly (keyof ServiceSummary)[];

export { serviceNamespace } from './namespaces';
