/* eslint-disable @typescript-eslint/no-explicit-any -- edits untyped JSON fixtures */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ageOn,
  applicableParts,
  conditionHolds,
  selectParts,
  totalCents,
  type AnswerInput,
  type ServiceDefinition,
} from '../../contract';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { createMemoryLogger } from '../../core/logging';
import {
  FIXTURE_RESOURCES,
  openTestCore,
  PROJECT_RESOURCES,
  removeDir,
  tempDir,
  type TestCore,
} from '../fixtures/core-harness';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function shipped(id: string): ServiceDefinition {
  const catalog = loadCatalog(PROJECT_RESOURCES, () => '2025-06-15', createMemoryLogger());
  expect(catalog.problems).toEqual([]);
  return catalog.byId.get(id)!.definition;
}

describe('age from a date of birth', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2001-06-15', '2025-06-15')).toBe(24);
    expect(ageOn('2001-06-16', '2025-06-15')).toBe(23);
    expect(ageOn('2001-07-01', '2025-06-15')).toBe(23);
    expect(ageOn('1958-03-27', '2025-06-15')).toBe(67);
    expect(ageOn('not a date', '2025-06-15')).toBeUndefined();
  });

  it('ageUnder holds only with the core date and a date answer', () => {
    const under24 = { field: 'dateOfBirth', ageUnder: 24 };
    expect(conditionHolds(under24, { dateOfBirth: '2001-06-16' }, '2025-06-15')).toBe(true);
    expect(conditionHolds(under24, { dateOfBirth: '2001-06-15' }, '2025-06-15')).toBe(false);
    // Without "today" an age cannot be known: no fee by age applies rather than a wrong one.
    expect(conditionHolds(under24, { dateOfBirth: '2001-06-16' })).toBe(false);
    expect(conditionHolds(under24, {}, '2025-06-15')).toBe(false);
  });
});

describe('fees computed from answers (shipped services)', () => {
  const feesOf = (service: ServiceDefinition, answers: Record<string, unknown>, today: string) =>
    selectParts(service, applicableParts(service, answers as never, today)).fees;

  it('personalausweis: 22,80 € under 24, 37 € from 24, decided on the given day', () => {
    const service = shipped('personalausweis');
    const answers = { reason: 'renewal', photo: 'photographer', dateOfBirth: '2001-06-16' };
    expect(feesOf(service, answers, '2025-06-15').map((fee) => fee.amountCents)).toEqual([2280]);
    // The day after the 24th birthday the same answers cost the adult fee.
    expect(feesOf(service, answers, '2025-06-16').map((fee) => fee.amountCents)).toEqual([3700]);
    const withPhoto = feesOf(service, { ...answers, photo: 'office' }, '2025-06-16');
    expect(totalCents(withPhoto)).toBe(3700 + 600);
  });

  it('personalausweis: the documents follow the reason and the age', () => {
    const service = shipped('personalausweis');
    const parts = applicableParts(
      service,
      { reason: 'first', photo: 'office', dateOfBirth: '2010-01-01' },
      '2025-06-15',
    );
    expect(selectParts(service, parts).documentKeys).toEqual(['documents.birthCertificate', 'documents.parents']);
  });

  it('reisepass: the fee by age plus 48 pages and express; parents consent under 18', () => {
    const service = shipped('reisepass');
    const answers = {
      reason: 'first',
      pages: '48',
      speed: 'express',
      photo: 'photographer',
      dateOfBirth: '2010-05-01',
    };
    const parts = applicableParts(service, answers, '2025-06-15');
    expect(selectParts(service, parts).fees.map((fee) => fee.amountCents)).toEqual([3750, 2200, 3200]);
    expect(selectParts(service, parts).documentKeys).toContain('documents.parents');
    const adult = applicableParts(service, { ...answers, dateOfBirth: '1958-03-27' }, '2025-06-15');
    expect(totalCents(selectParts(service, adult).fees)).toBe(7000 + 2200 + 3200);
    expect(selectParts(service, adult).documentKeys).not.toContain('documents.parents');
  });

  it('lebensbescheinigung is free', () => {
    const service = shipped('lebensbescheinigung');
    const parts = applicableParts(service, { pensionOffice: 'foreign', hasForm: 'yes' }, '2025-06-15');
    expect(selectParts(service, parts).fees).toEqual([]);
    expect(selectParts(service, parts).documentKeys).toEqual(['documents.id', 'documents.form']);
  });

  it('fuehrungszeugnis: 13 € per certificate, times the number asked for', () => {
    const service = shipped('fuehrungszeugnis');
    const parts = applicableParts(service, { kind: 'privat', copies: 3 }, '2025-06-15');
    expect(parts.feeCounts).toEqual([3]);
    const [fee] = selectParts(service, parts).fees;
    expect(fee).toMatchObject({ count: 3, unitCents: 1300, amountCents: 3900 });
    // One piece records no counts (parts stored before this feature look the same).
    expect(applicableParts(service, { kind: 'privat', copies: 1 }, '2025-06-15').feeCounts).toBeUndefined();
  });
});

/** A copy of the fixture resources with test-move's service.json changed by `edit`. */
function moveWith(edit: (json: any) => void): string {
  const dir = tempDir('kiosk-resources-');
  dirs.push(dir);
  cpSync(FIXTURE_RESOURCES, dir, { recursive: true });
  const path = join(dir, 'services', 'test-move', 'service.json');
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json));
  return dir;
}

describe('refused at start-up with file and JSON path', () => {
  const SERVICE = 'services/test-move/service.json';
  it.each([
    ['a fee counted by an answer no step asks', (j: any) => (j.fees[0].perCount = 'copies'), '/fees/0/perCount'],
    [
      'a fee counted by an answer that is not a number',
      (j: any) => (j.fees[0].perCount = 'fullName'),
      '/fees/0/perCount',
    ],
    [
      'a fee condition on an unknown field',
      (j: any) => (j.fees[0].when = { field: 'dateOfBirth', ageUnder: 24 }),
      '/fees/0/when/field',
    ],
    [
      'an age on a field that is not a date',
      (j: any) => (j.fees[0].when = { field: 'fullName', ageUnder: 24 }),
      '/fees/0/when/ageUnder',
    ],
    [
      'an age deciding a step',
      (j: any) => (j.journey.steps[2].when = { not: { field: 'birthDate', ageUnder: 18 } }),
      '/journey/steps/2/when/not/ageUnder',
    ],
    ['an unknown completion', (j: any) => (j.completion = 'post'), '/completion'],
  ])('%s', (_name, edit, path) => {
    const catalog = loadCatalog(moveWith(edit), () => '2025-06-15', createMemoryLogger());
    expect(catalog.problems).toEqual([{ file: SERVICE, path, message: expect.any(String) }]);
    expect(catalog.services.map((service) => service.definition.id)).toEqual(['test-feedback']);
  });

  it('accepts a fee by age and a fee per piece on asked fields', () => {
    const dir = moveWith((j) => {
      j.fees = [
        { labelKey: 'fees.certificate', amountCents: 500, currency: 'EUR', perCount: 'persons' },
        { ...j.fees[0], when: { field: 'birthDate', ageUnder: 24 } },
      ];
    });
    expect(loadCatalog(dir, () => '2025-06-15', createMemoryLogger()).problems).toEqual([]);
  });
});

const PASS_ANSWERS: [string, Record<string, AnswerInput>][] = [
  ['kind', { kind: 'privat' }],
  ['copies', { copies: '2' }],
  ['family-name', { familyName: 'Mustermann' }],
  ['given-names', { givenNames: 'Erika' }],
  ['date-of-birth', { dateOfBirth: { day: '12', month: '8', year: '1964' } }],
];

async function toCheck(kiosk: TestCore): Promise<string> {
  const view = await kiosk.value('session.start', { serviceId: 'fuehrungszeugnis', language: 'de' });
  for (const [stepId, values] of PASS_ANSWERS) {
    await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values });
  }
  return view.sessionId;
}

describe('a prepared visit in the core (no hub)', () => {
  it('sends nothing, wipes the answers, keeps the checklist and makes its receipt', async () => {
    const kiosk = openTestCore({ resourcesDir: PROJECT_RESOURCES });
    try {
      const sessionId = await toCheck(kiosk);
      // An in-person service is never sent to the portal.
      expect(await kiosk.call('session.submit', { sessionId })).toMatchObject({
        ok: false,
        error: { code: 'not_reachable' },
      });
      const visit = await kiosk.value('visit.prepare', { sessionId });
      expect(visit).toMatchObject({
        serviceId: 'fuehrungszeugnis',
        language: 'de',
        parts: { fees: [0], feeCounts: [2], documents: [0] },
        ticket: { stored: false, reason: 'hub_unavailable' },
      });
      expect(await kiosk.value('session.resume', {})).toBeNull();
      const outbox = await kiosk.value('outbox.status', {});
      expect(outbox.entries).toEqual([]);

      const file = await kiosk.value('visit.receipt', { layout: 'a4' });
      const pdfDir = tempDir('kiosk-visit-pdf-');
      dirs.push(pdfDir);
      const pdfPath = join(pdfDir, file.fileName);
      writeFileSync(pdfPath, Buffer.from(file.pdfBase64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
      expect(text).toContain('Checkliste für Ihren Besuch');
      expect(text).toContain('Ihr Personalausweis oder Reisepass');
      expect(text).toMatch(/Führungszeugnis \(2 × 13,00\s€\)\s+26,00\s€/);
      expect(text).toContain('Ihre Angaben wurden nicht gespeichert');
      // Nothing the resident typed is on it.
      expect(text).not.toContain('Mustermann');

      expect(await kiosk.value('visit.done', {})).toEqual({ forgotten: true });
      expect(await kiosk.call('visit.receipt', { layout: 'a4' })).toMatchObject({ ok: false });
    } finally {
      kiosk.close();
      removeDir(kiosk.dataDir);
    }
  });

  it('refuses to prepare a service that is sent, and a visit before the check page', async () => {
    const kiosk = openTestCore({ resourcesDir: PROJECT_RESOURCES });
    try {
      const melde = await kiosk.value('session.start', { serviceId: 'meldebescheinigung', language: 'de' });
      expect(await kiosk.call('visit.prepare', { sessionId: melde.sessionId })).toMatchObject({
        ok: false,
        error: { code: 'not_reachable' },
      });
      await kiosk.value('session.end', { sessionId: melde.sessionId, reason: 'resident' });
      const visit = await kiosk.value('session.start', { serviceId: 'fuehrungszeugnis', language: 'de' });
      expect(await kiosk.call('visit.prepare', { sessionId: visit.sessionId })).toMatchObject({
        ok: false,
        error: { code: 'not_reachable' },
      });
    } finally {
      kiosk.close();
      removeDir(kiosk.dataDir);
    }
  });
});
