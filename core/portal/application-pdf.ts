import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import {
  fieldType,
  serviceNamespace,
  visibleSteps,
  type Answers,
  type AnswerValue,
  type AnswerWords,
  type Field,
  type ScalarAnswer,
} from '../../contract';
import { lookupTextKey } from '../catalog/json-pointer';
import type { LoadedCatalog } from '../catalog/load-catalog';
import type { LoadedService } from '../catalog/loaded-service';
import type { NewAttachment, OutboxRow } from '../outbox/delivery-store';
import { splitRuns } from '../receipt/font-runs';
import { defaultReceiptFonts, type FontWeight, type ReceiptFonts } from '../receipt/fonts';
import { formatLongDate, formatTime } from '../receipt/format';
import { sha512Hex } from './metadata';
import type { AttachmentRenderer } from './sync-worker';

/** The office reads German: the form is in German whatever language the resident used. */
const FORM_LANGUAGE = 'de';

type Texts = Record<string, string>;

/** A service text by its dotted key, when it is a string. */
function lookup(texts: unknown, key: string): string | undefined {
  const text = lookupTextKey(texts, key);
  return typeof text === 'string' ? text : undefined;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

/** An answer as a person reads it: option labels, German dates, Ja/Nein, in the words of the field's type. */
function displayValue(field: Field, value: AnswerValue | undefined, service: Texts, form: Texts): string {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return form.notAnswered!;
  const words: AnswerWords = {
    yes: form.yes!,
    no: form.no!,
    option: (option) => {
      const key = field.options?.find((candidate) => candidate.value === option)?.labelKey;
      return (key && lookup(service, key)) ?? option;
    },
    date: (iso) => {
      const [year, month, day] = iso.split('-');
      return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${day}.${month}.${year}` : iso;
    },
    digits: (text) => text,
    listSeparator: ', ',
  };
  // A list holds option values; a group's items are never a field's answer (they read as nothing).
  const scalar: ScalarAnswer = Array.isArray(value)
    ? value.map((entry) => (typeof entry === 'string' ? entry : ''))
    : value;
  return fieldType(field.type).text(scalar, words);
}

export interface ApplicationFormInput {
  service: LoadedService;
  serviceTexts: Texts;
  reference: string;
  submittedAt: number;
  language: string;
  answers: Answers;
  timeZone: string;
}

/**
 * The application as the resident confirmed it, human readable, as an A4 PDF:
 * each visible step's question with its answers. It travels to the portal
 * as the attachment with purpose "form". Texts come from
 * resources/application-form/locales/de.json and the service's own locale.
 */
export async function renderApplicationForm(
  input: ApplicationFormInput,
  formTexts: Texts,
  fonts: ReceiptFonts = defaultReceiptFonts(),
): Promise<Buffer> {
  const title = lookup(input.serviceTexts, input.service.definition.titleKey) ?? input.service.definition.id;
  const created = new Date(input.submittedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: FORM_LANGUAGE,
    displayTitle: true,
    info: { Title: fill(formTexts.heading!, { service: title }), CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  for (const face of [...fonts.regular, ...fonts.bold]) doc.registerFont(face.id, face.data);
  const write = (text: string, weight: FontWeight, size: number, gapAfter = 4) => {
    // Line breaks a resident typed in a textarea stay line breaks (fonts have no glyph for them).
    for (const line of text.split(/\r?\n/)) {
      const runs = splitRuns(line.length > 0 ? line : ' ', fonts[weight]);
      runs.forEach((run, index) => {
        doc
          .font(run.face.id)
          .fontSize(size)
          .text(run.text, { continued: index < runs.length - 1 });
      });
    }
    doc.moveDown(gapAfter / size);
  };

  write(fill(formTexts.heading!, { service: title }), 'bold', 20, 12);
  write(`${formTexts.reference}: ${input.reference}`, 'regular', 13);
  const when = `${formatLongDate(created, 'de-DE', input.timeZone)}, ${formatTime(created, 'de-DE', input.timeZone)}`;
  write(`${formTexts.submittedAt}: ${when}`, 'regular', 13);
  write(`${formTexts.language}: ${input.language}`, 'regular', 13);
  write(formTexts.terminal!, 'regular', 13, 16);

  const writeFields = (fields: readonly Field[], answers: Record<string, AnswerValue | undefined>) => {
    for (const field of fields) {
      const label = field.labelKey ? lookup(input.serviceTexts, field.labelKey) : undefined;
      const value = displayValue(field, answers[field.name], input.serviceTexts, formTexts);
      write(label ? `${label}: ${value}` : value, 'regular', 12, 10);
    }
  };
  for (const step of visibleSteps(input.service.definition, input.answers)) {
    write(lookup(input.serviceTexts, step.titleKey) ?? step.id, 'bold', 14, 4);
    if (!step.repeat) {
      writeFields(step.fields, input.answers);
      continue;
    }
    // A repeatable group: each person (item) under its own numbered label, with the step's fields.
    const items = input.answers[step.repeat.name];
    const list = Array.isArray(items) ? items.filter((item) => typeof item === 'object') : [];
    if (list.length === 0) write(formTexts.notAnswered!, 'regular', 12, 10);
    const itemLabel = lookup(input.serviceTexts, step.repeat.itemLabelKey) ?? '{number}';
    list.forEach((item, index) => {
      write(itemLabel.replace(/\{number\}/g, String(index + 1)), 'bold', 12, 4);
      writeFields(step.fields, item);
    });
  }
  write(formTexts.footer!, 'regular', 10, 0);
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

/** The default attachment renderer of the sync worker: the application form PDF. */
export function applicationPdfAttachments(
  catalog: LoadedCatalog,
  resourcesDir: string,
  timeZone: string,
): AttachmentRenderer {
  let formTexts: Texts | undefined;
  return async (entry: OutboxRow, data: unknown, service: LoadedService): Promise<NewAttachment[]> => {
    formTexts ??= JSON.parse(
      readFileSync(join(resourcesDir, 'application-form', 'locales', `${FORM_LANGUAGE}.json`), 'utf8'),
    ) as Texts;
    const serviceTexts = (catalog.translations[FORM_LANGUAGE]?.[serviceNamespace(service.definition.id)] ??
      {}) as Texts;
    const bytes = await renderApplicationForm(
      {
        service,
        serviceTexts,
        reference: entry.reference,
        submittedAt: entry.created_at,
        language: entry.language,
        answers: data as Answers,
        timeZone,
      },
      formTexts,
    );
    return [{ purpose: 'form', mimeType: 'application/pdf', sha512: sha512Hex(bytes), bytes }];
  };
}
