/* eslint-disable @typescript-eslint/no-explicit-any -- the cases edit service JSON */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applicableParts,
  reachedOutcome,
  selectParts,
  visibleSteps,
  type ServiceDefinition,
  type SessionView,
} from '../../contract';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { createMemoryLogger } from '../../core/logging';
import { openTestCore, PROJECT_RESOURCES, removeDir, tempDir } from '../fixtures/core-harness';

/**
 * Issue 14, items 5–7 and 10 as features of the service format: a start page, outcome steps with
 * a condition on answers (the catalog check refuses one on an unknown field), fees, next steps
 * and documents that apply only to some answers, and steps shown as one answer on the check page.
 */

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const shipped = loadCatalog(PROJECT_RESOURCES, () => '2025-06-15', createMemoryLogger());
const service = (id: string): ServiceDefinition => shipped.byId.get(id)!.definition;

/** A copy of the shipped resources with one service file changed by `edit`. */
function resourcesWith(file: string, edit: (json: any) => void): string {
  const dir = tempDir('kiosk-resources-');
  dirs.push(dir);
  cpSync(PROJECT_RESOURCES, dir, { recursive: true });
  const path = join(dir, 'services', file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json));
  return dir;
}

function problems(resourcesDir: string) {
  const catalog = loadCatalog(resourcesDir, () => '2025-06-15', createMemoryLogger());
  return { problems: catalog.problems, ids: catalog.services.map((loaded) => loaded.definition.id) };
}

describe('the service format', () => {
  it('gives every shipped service a start page with purpose, who, what you need and how long', () => {
    expect(shipped.problems).toEqual([]);
    for (const loaded of shipped.services) {
      const start = loaded.definition.startPage;
      expect(start, loaded.definition.id).toBeDefined();
      expect(start!.needKeys.length, loaded.definition.id).toBeGreaterThan(0);
    }
    // Mängel melden puts the emergency numbers first: on its start page and on its first question.
    const maengel = service('maengel-melden');
    expect(maengel.startPage!.warningKey).toBeDefined();
    expect(maengel.journey.steps[0]!.warningKey).toBe(maengel.startPage!.warningKey);
  });

  it('refuses an outcome whose condition names an unknown field, with file and JSON path', () => {
    const dir = resourcesWith('sperrmuell/service.json', (json) => {
      const outcome = json.journey.steps.find((step: any) => step.kind === 'outcome');
      outcome.when = { field: 'volumen', greaterThan: 5 };
    });
    const result = problems(dir);
    expect(result.ids).not.toContain('sperrmuell');
    expect(result.ids).toContain('meldebescheinigung');
    const index = JSON.parse(
      readFileSync(join(dir, 'services/sperrmuell/service.json'), 'utf8'),
    ).journey.steps.findIndex((step: any) => step.kind === 'outcome');
    expect(result.problems).toContainEqual({
      file: 'services/sperrmuell/service.json',
      path: `/journey/steps/${index}/when/field`,
      message: 'condition field "volumen" is not asked in an earlier step',
    });
  });

  it('refuses a fee condition on an unknown field, a number comparison on a text field and an outcome without a condition', () => {
    const dir = resourcesWith('meldebescheinigung/service.json', (json) => {
      json.fees[1].when = { not: { field: 'kind', equals: 'erweitert' } };
      const outcome = json.journey.steps.find((step: any) => step.kind === 'outcome');
      outcome.when = { field: 'postcode', greaterThan: 21690 };
    });
    const found = problems(dir).problems.map((problem) => `${problem.file} ${problem.path}`);
    expect(found).toContain('services/meldebescheinigung/service.json /fees/1/when/not/field');
    expect(found.some((entry) => entry.endsWith('/when/greaterThan'))).toBe(true);

    const noCondition = resourcesWith('sperrmuell/service.json', (json) => {
      delete json.journey.steps.find((step: any) => step.kind === 'outcome').when;
    });
    const refused = problems(noCondition).problems.filter((problem) => problem.file.includes('sperrmuell'));
    expect(refused.map((problem) => problem.message)).toContain('an outcome needs a condition');
  });
});

describe('journey rules for outcomes and what applies', () => {
  it('ends the journey at an outcome only once the answers it looks at are given', () => {
    const meldung = service('meldebescheinigung');
    expect(reachedOutcome(meldung, {})).toBeUndefined();
    expect(reachedOutcome(meldung, { postcode: '21682' })).toBeUndefined();
    const outcome = reachedOutcome(meldung, { postcode: '20095' });
    expect(outcome?.id).toBe('not-stade');
    // Nothing after the outcome is visible: no check page, no "Senden".
    expect(visibleSteps(meldung, { postcode: '20095' }).at(-1)!.id).toBe('not-stade');

    const sperrmuell = service('sperrmuell');
    expect(reachedOutcome(sperrmuell, { volume: 5 })).toBeUndefined();
    expect(reachedOutcome(sperrmuell, { volume: 6 })?.id).toBe('too-much');
  });

  it('picks the fee, next steps and documents that fit the answers', () => {
    const meldung = service('meldebescheinigung');
    const collect = selectParts(
      meldung,
      applicableParts(meldung, { certificateKind: 'einfach', deliveryMethod: 'abholung', email: 'a@example.de' }),
    );
    expect(collect.fees.map((fee) => fee.amountCents)).toEqual([500]);
    expect(collect.documentKeys).toEqual(['documents.idDocument']);
    expect(collect.nextStepKeys).toEqual([
      'nextSteps.check',
      'nextSteps.collectChosen',
      'nextSteps.contactEmail',
      'nextSteps.questions',
    ]);
    const post = selectParts(
      meldung,
      applicableParts(meldung, { certificateKind: 'erweitert', deliveryMethod: 'post' }),
    );
    expect(post.fees.map((fee) => fee.amountCents)).toEqual([1000]);
    expect(post.documentKeys).toEqual([]);
    expect(post.nextStepKeys).toContain('nextSteps.contactLetter');
  });
});

describe('the core with outcome steps', () => {
  async function walkSperrmuellTo(volume: number) {
    const kiosk = openTestCore({ resourcesDir: PROJECT_RESOURCES });
    dirs.push(kiosk.dataDir);
    let view: SessionView = await kiosk.value('session.start', { serviceId: 'sperrmuell', language: 'de' });
    const answer = async (stepId: string, values: Record<string, unknown>) => {
      view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values });
      return view;
    };
    await answer('address', { street: 'Hökerstraße', houseNumber: '14', postcode: '21682', town: 'Stade' });
    await answer('items', { items: ['moebel'] });
    await answer('items-description', { itemsDescription: '' });
    await answer('volume', { volume: String(volume) });
    return { kiosk, view: () => view, answer };
  }

  it('leads more than the service takes to the outcome page, where nothing can be answered or sent', async () => {
    const { kiosk, view } = await walkSperrmuellTo(8);
    try {
      expect(view().position).toMatchObject({ kind: 'step', stepId: 'too-much' });
      const sessionId = view().sessionId;
      const refused = await kiosk.call('session.answer', { sessionId, stepId: 'too-much', values: {} });
      expect(refused.ok).toBe(false);
      const toCheck = await kiosk.call('session.goTo', { sessionId, target: { kind: 'check' } });
      expect(toCheck.ok).toBe(false);
      // "Zurück" returns to the answer that led here.
      const back = await kiosk.value('session.back', { sessionId });
      expect(back.position).toMatchObject({ kind: 'step', stepId: 'volume' });
    } finally {
      kiosk.close();
    }
  });

  it('records at sending which next steps apply, so the confirmation and receipt show only those', async () => {
    const { kiosk, view, answer } = await walkSperrmuellTo(3);
    try {
      expect(view().position).toMatchObject({ kind: 'step', stepId: 'placement' });
      await answer('placement', { placement: 'strassenrand' });
      await answer('period', { pickupPeriod: 'naechstmoeglich' });
      await answer('contact-name', { contactName: 'Anna Meyer' });
      await answer('phone', { phone: '04141 123456' });
      await answer('email', { email: '' });
      expect(view().position.kind).toBe('check');
      const sent = await kiosk.value('session.submit', { sessionId: view().sessionId });
      const position = sent.position;
      expect(position.kind).toBe('confirmation');
      const parts = position.kind === 'confirmation' ? position.parts : undefined;
      const keys = selectParts(service('sperrmuell'), parts!).nextStepKeys;
      // No e-mail given: the day comes by post, and the e-mail text is not shown.
      expect(keys).toContain('nextSteps.datePost');
      expect(keys).not.toContain('nextSteps.dateEmail');
    } finally {
      kiosk.close();
    }
  });
});
