import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serviceNamespace } from '../../contract/namespaces';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { createMemoryLogger } from '../../core/logging';
import { renderApplicationForm } from '../../core/portal/application-pdf';
import { FIXTURE_RESOURCES, PROJECT_RESOURCES, removeDir, tempDir } from '../fixtures/core-harness';

/** The application as the office reads it, checked with pdftotext and kept as an image to look at. */
const ARTIFACTS = join(__dirname, '..', 'artifacts', 'receipts');
const dir = tempDir('application-pdf-');
afterAll(() => removeDir(dir));

const catalog = loadCatalog(FIXTURE_RESOURCES, () => '2025-06-15', createMemoryLogger());
const service = catalog.byId.get('test-move')!;
const formTexts = JSON.parse(
  readFileSync(join(PROJECT_RESOURCES, 'application-form', 'locales', 'de.json'), 'utf8'),
) as Record<string, string>;

async function render(answers: Record<string, unknown>) {
  const pdf = await renderApplicationForm(
    {
      service,
      serviceTexts: catalog.translations.de![serviceNamespace('test-move')] as Record<string, string>,
      reference: 'K7MR-4QXP-9',
      submittedAt: Date.UTC(2025, 5, 15, 8, 42),
      language: 'en',
      answers: answers as never,
      timeZone: 'Europe/Berlin',
    },
    formTexts,
  );
  const file = join(dir, 'form.pdf');
  writeFileSync(file, pdf);
  return { pdf, file, text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }) };
}

describe('application form PDF (attachment with purpose "form")', () => {
  it('shows every visible question with the answer as a person reads it, in German', async () => {
    const { file, text } = await render({
      fullName: 'Łukasz Ödemiş-Straße',
      birthDate: '1964-08-12',
      postcode: '21682',
      moveDate: '2025-07-01',
      household: 'family',
      persons: 3,
      extras: ['parking', 'pets'],
      notes: 'Zweiter Stock\nlinks',
      consent: true,
    });
    expect(text).toContain('K7MR-4QXP-9');
    expect(text).toContain('Łukasz Ödemiş-Straße');
    expect(text).toContain('12.08.1964');
    expect(text).toContain('01.07.2025');
    expect(text).toContain('Sonntag, 15. Juni 2025, 10:42'); // Berlin summer time
    expect(text).toContain(formTexts.notAnswered); // e-mail left out
    expect(text).toContain(formTexts.yes);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', file, join(ARTIFACTS, 'application-form')]);
  });

  it('leaves out questions of steps the answers hid', async () => {
    const { text } = await render({ fullName: 'Erika Mustermann', household: 'alone', consent: true });
    const hidden = service.definition.journey.steps.find((step) => step.when)!;
    const title = (catalog.translations.de![serviceNamespace('test-move')] as Record<string, unknown>)[
      'steps'
    ] as Record<string, { title: string }>;
    expect(text).not.toContain(title[hidden.id]!.title);
  });

  it('prints each person of a repeatable group under its own number (Abmeldung)', async () => {
    const shipped = loadCatalog(PROJECT_RESOURCES, () => '2025-06-15', createMemoryLogger());
    const abmeldung = shipped.byId.get('abmeldung')!;
    const texts = shipped.translations.de![serviceNamespace('abmeldung')] as Record<string, string>;
    const pdf = await renderApplicationForm(
      {
        service: abmeldung,
        serviceTexts: texts,
        reference: 'K7MR-4QXP-9',
        submittedAt: Date.UTC(2025, 5, 15, 8, 42),
        language: 'de',
        answers: {
          persons: [
            { familyName: 'Ödemiş', givenNames: 'Ayşe', birthDate: '1961-02-03' },
            { familyName: 'Ödemiş', givenNames: 'Emre', birthDate: '2012-11-30' },
          ],
        },
        timeZone: 'Europe/Berlin',
      },
      formTexts,
    );
    const file = join(dir, 'group.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Person 1');
    expect(text).toContain('Person 2');
    expect(text).not.toContain('Person 3');
    expect(text.indexOf('Ayşe')).toBeGreaterThan(text.indexOf('Person 1'));
    expect(text.indexOf('Emre')).toBeGreaterThan(text.indexOf('Person 2'));
    expect(text).toContain('03.02.1961');
    expect(text).toContain('30.11.2012');
    expect(text).not.toContain('[object Object]');
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', file, join(ARTIFACTS, 'application-form-group')]);
  });
});
