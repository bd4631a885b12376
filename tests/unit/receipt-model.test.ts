import { describe, expect, it } from 'vitest';
import { applicableParts } from '../../contract';
import { createReceiptMaker, receiptModel, renderReceipt, type ReceiptConfirmation } from '../../core/receipt';
import { createReceiptTranslator, loadReceiptTexts } from '../../core/receipt/receipt-texts';
import { PROJECT_RESOURCES, SAMPLE_REFERENCE, SAMPLE_SUBMITTED_AT, shippedCatalog } from '../fixtures/receipt-harness';

/** The receipt model: the texts of one receipt, from the catalog and the confirmation only. */

const maker = () => createReceiptMaker({ resourcesDir: PROJECT_RESOURCES, catalog: shippedCatalog() });
const request = (serviceId: string, language: 'de' | 'en', submittedAt = SAMPLE_SUBMITTED_AT) => ({
  serviceId,
  reference: SAMPLE_REFERENCE,
  submittedAt,
  language,
});

describe('receiptModel', () => {
  it('holds the service texts in German', () => {
    const model = maker().model(request('meldebescheinigung', 'de'));
    expect(model).toMatchObject({
      language: 'de',
      direction: 'ltr',
      documentTitle: `Beleg ${SAMPLE_REFERENCE} – Meldebescheinigung beantragen`,
      createdAt: SAMPLE_SUBMITTED_AT,
      kind: 'Ihr Beleg',
      serviceTitle: 'Meldebescheinigung beantragen',
      sentAt: { label: 'Gesendet am', value: 'Freitag, 14. März 2025, 10:42 Uhr' },
      reference: { label: 'Ihre Vorgangsnummer', value: SAMPLE_REFERENCE },
    });
    expect(model.reference.qrAlt).toContain(SAMPLE_REFERENCE);
    expect(model.sections.map((section) => section.heading)).toEqual([
      'Was passiert als Nächstes',
      'Bitte bringen Sie mit',
      'Gebühren',
      'Zuständige Stelle',
    ]);
    const [next, documents, fees, office] = model.sections;
    expect(next!.blocks).toEqual([
      { kind: 'list', items: expect.arrayContaining([expect.stringMatching(/^Der Bürger/)]) },
    ]);
    // Without the parts the confirmation recorded (an older one), every next step is listed.
    expect(next!.blocks[0]).toMatchObject({ items: { length: 6 } });
    expect(documents!.blocks).toEqual([
      { kind: 'list', items: ['Personalausweis oder Reisepass – nur, wenn Sie die Bescheinigung abholen'] },
    ]);
    expect(fees!.blocks).toEqual([
      {
        kind: 'amounts',
        rows: [
          { label: 'Einfache Meldebescheinigung', amount: '5,00\u00a0€' },
          { label: 'Erweiterte Meldebescheinigung', amount: '10,00\u00a0€' },
        ],
      },
    ]);
    // The office from resources/offices/ (officeId "buergerbuero"), its hours written from the data.
    expect(office!.blocks).toEqual([
      { kind: 'paragraph', text: 'Bürgerservicebüro, Rathaus Stade', strong: true },
      { kind: 'paragraph', text: 'Rathaus, Seminarstraße 2–4, 21682 Stade' },
      {
        kind: 'fields',
        rows: [
          {
            label: 'Öffnungszeiten',
            value: [
              'Montag, Mittwoch und Freitag: 08:30–12:00 Uhr',
              'Dienstag: 08:30–12:00 Uhr und 14:00–18:00 Uhr',
              'Donnerstag: 08:30–18:00 Uhr',
            ].join('\n'),
          },
          { label: 'Barrierefreier Zugang', value: expect.stringContaining('Verwaltungsanbau') },
          { label: 'Telefon', value: '04141 401-0' },
          { label: 'E-Mail', value: 'buergerbuero@stade.example' },
        ],
      },
    ]);
    expect(model.footer).toEqual(['Dieser Beleg enthält keine persönlichen Daten.']);
  });

  it('shows only what applies to this resident: the fee and the delivery they chose, the contact they gave', () => {
    const service = shippedCatalog().byId.get('meldebescheinigung')!.definition;
    const answers = { certificateKind: 'erweitert', deliveryMethod: 'post' };
    const model = maker().model({ ...request('meldebescheinigung', 'de'), parts: applicableParts(service, answers) });
    const headings = model.sections.map((section) => section.heading);
    // The identity document is only for collecting: not listed for post.
    expect(headings).toEqual(['Was passiert als Nächstes', 'Gebühren', 'Zuständige Stelle']);
    const [next, fees] = model.sections;
    const items = (next!.blocks[0] as { items: string[] }).items;
    expect(items.some((item) => item.includes('mit der Post zu Ihnen nach Hause'))).toBe(true);
    expect(items.some((item) => item.includes('ins Bürgerservicebüro'))).toBe(false);
    expect(items.some((item) => item.includes('einen Brief'))).toBe(true);
    expect(items.some((item) => item.includes('E-Mail'))).toBe(false);
    expect(fees!.blocks).toEqual([
      { kind: 'amounts', rows: [{ label: 'Erweiterte Meldebescheinigung', amount: '10,00\u00a0€' }] },
    ]);
  });

  it('holds the service texts in English', () => {
    const model = maker().model(request('sperrmuell', 'en'));
    expect(model.serviceTitle).toBe('Book a bulky waste collection');
    // ICU versions differ on the comma after the weekday in en-GB.
    expect(model.sentAt).toEqual({
      label: 'Sent on',
      value: expect.stringMatching(/^Friday,? 14 March 2025 at 10:42$/),
    });
    // No documents to bring: no such section.
    expect(model.sections.map((section) => section.heading)).toEqual([
      'What happens next',
      'Fees',
      'Responsible office',
    ]);
    expect(model.sections[1]!.blocks[0]).toMatchObject({ rows: [{ amount: '€0.00' }] });
    // Every office has a step-free note now (resources/offices/): the Kreishaus's, in English.
    expect(model.sections[2]!.blocks).toContainEqual({
      kind: 'fields',
      rows: expect.arrayContaining([{ label: 'Step-free access', value: 'The entrance on Am Sande is step-free.' }]),
    });
  });

  it('says "no fees" when a service has none', () => {
    const model = maker().model(request('maengel-melden', 'de'));
    expect(model.sections.find((section) => section.heading === 'Gebühren')!.blocks).toEqual([
      { kind: 'paragraph', text: 'Es fallen keine Gebühren an.' },
    ]);
  });

  it('gives the time of sending in Stade: summer time, and after midnight the next day', () => {
    expect(maker().model(request('sperrmuell', 'de', '2025-07-01T08:05:00.000Z')).sentAt.value).toBe(
      'Dienstag, 1. Juli 2025, 10:05 Uhr',
    );
    expect(maker().model(request('sperrmuell', 'en', '2025-03-14T23:30:00.000Z')).sentAt.value).toMatch(
      /^Saturday,? 15 March 2025 at 00:30$/,
    );
    const zone = createReceiptMaker({
      resourcesDir: PROJECT_RESOURCES,
      catalog: shippedCatalog(),
      timeZone: 'UTC',
    });
    expect(zone.model(request('sperrmuell', 'de')).sentAt.value).toBe('Freitag, 14. März 2025, 09:42 Uhr');
  });

  it('refuses an invalid reference, an invalid time and an unknown service', () => {
    const receipts = maker();
    expect(() => receipts.model({ ...request('sperrmuell', 'de'), reference: 'K7MR-4QXP-2' })).toThrow(/reference/);
    expect(() => receipts.model({ ...request('sperrmuell', 'de'), submittedAt: 'gestern' })).toThrow(/submittedAt/);
    expect(() => receipts.model(request('hundesteuer', 'de'))).toThrow(/Unknown service/);
  });

  it('throws on a text missing in every language instead of printing its key', () => {
    const t = createReceiptTranslator(loadReceiptTexts(PROJECT_RESOURCES), {}, 'sperrmuell', 'en');
    expect(t('receipt:sections.fees')).toBe('Fees');
    expect(() => t('svc-sperrmuell:title')).toThrow(/missing/);
  });

  it('carries nothing but the confirmation: extra data passed along is ignored', async () => {
    const canary = 'CANARY-Mustermann-8731';
    const catalog = shippedCatalog();
    const t = createReceiptTranslator(loadReceiptTexts(PROJECT_RESOURCES), catalog.translations, 'sperrmuell', 'de');
    // As if a caller handed over the whole session view: only reference, submittedAt and language are read.
    const view = {
      reference: SAMPLE_REFERENCE,
      submittedAt: SAMPLE_SUBMITTED_AT,
      language: 'de' as const,
      answers: { contactName: canary, street: canary },
    };
    const confirmation: ReceiptConfirmation = view;
    const model = receiptModel(
      catalog.byId.get('sperrmuell')!.definition,
      catalog.offices.byId.get('abfallwirtschaft')!,
      confirmation,
      t,
    );
    expect(JSON.stringify(model)).not.toContain(canary);
    const pdf = await renderReceipt(model, 'receipt80');
    expect(pdf.toString('latin1')).not.toContain(canary);
  });
});
