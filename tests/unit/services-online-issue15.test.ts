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
import { openTestCore, PROJECT_RESOURCES, removeDir } from '../fixtures/core-harness';

/**
 * Issue 15, the online services Briefwahl, Hund anmelden, Hund abmelden and Bewohnerparkausweis:
 * the answers that end on an outcome page, the fees and documents that follow from the answers,
 * and the checks the core makes on what only these services ask (licence plate, voter-register
 * number, the other address for the postal vote). Runs against the shipped service files.
 */

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const shipped = loadCatalog(PROJECT_RESOURCES, () => '2026-12-07', createMemoryLogger());
const service = (id: string): ServiceDefinition => shipped.byId.get(id)!.definition;

const STADE = { street: 'Hökerstraße', houseNumber: '14a', postcode: '21682', town: 'Stade' };

describe('outcome pages of the new services', () => {
  it('sends a dangerous dog to the Ordnungsamt for a permit before any tax registration', () => {
    const dog = service('hund-anmelden');
    expect(reachedOutcome(dog, { dangerousDog: 'nein' })).toBeUndefined();
    const outcome = reachedOutcome(dog, { dangerousDog: 'ja' });
    expect(outcome?.id).toBe('permit-needed');
    // The outcome names another office than the service's own (the Steueramt).
    expect(dog.officeId).toBe('steueramt');
    expect(outcome?.officeId).toBe('ordnungsamt');
    expect(visibleSteps(dog, { dangerousDog: 'ja' }).map((step) => step.id)).toEqual(['dangerous', 'permit-needed']);
  });

  it('ends the parking permit for a street in no zone, and for an address outside Stade', () => {
    const parking = service('bewohnerparkausweis');
    expect(reachedOutcome(parking, { zone: 'a-altstadt' })).toBeUndefined();
    expect(reachedOutcome(parking, { zone: 'keine' })?.id).toBe('no-zone');
    expect(reachedOutcome(parking, { zone: 'b-schiffertor', ...STADE, postcode: '21614' })?.id).toBe('not-stade');
  });

  it('ends the postal vote and both dog services for a postcode outside Stade', () => {
    for (const id of ['briefwahl', 'hund-anmelden', 'hund-abmelden']) {
      expect(reachedOutcome(service(id), { ...STADE })?.id, id).toBeUndefined();
      expect(reachedOutcome(service(id), { ...STADE, postcode: '20095' })?.id, id).toBe('not-stade');
    }
  });
});

describe('what applies to the answers', () => {
  it('charges the dog tax of the first, second or further dog (sample amounts)', () => {
    const dog = service('hund-anmelden');
    const fee = (dogNumber: string) => selectParts(dog, applicableParts(dog, { dogNumber })).fees;
    expect(fee('erster').map((item) => item.amountCents)).toEqual([9600]);
    expect(fee('zweiter').map((item) => item.amountCents)).toEqual([13200]);
    expect(fee('weiterer').map((item) => item.amountCents)).toEqual([16800]);
    // Moved in with the dog: a reminder to deregister it in the old municipality.
    const moved = selectParts(dog, applicableParts(dog, { dogNumber: 'erster', origin: 'umzug' }));
    expect(moved.nextStepKeys).toContain('nextSteps.movedIn');
    expect(selectParts(dog, applicableParts(dog, { origin: 'tierheim' })).nextStepKeys).not.toContain(
      'nextSteps.movedIn',
    );
  });

  it('charges 30.70 euros for the parking permit and asks for the employer’s letter for a company car', () => {
    const parking = service('bewohnerparkausweis');
    const own = selectParts(parking, applicableParts(parking, { vehicleHolder: 'selbst', deliveryMethod: 'post' }));
    expect(own.fees.map((fee) => fee.amountCents)).toEqual([3070]);
    expect(own.documentKeys).toEqual([]);
    const company = selectParts(
      parking,
      applicableParts(parking, { vehicleHolder: 'firmenwagen', deliveryMethod: 'abholung' }),
    );
    expect(company.documentKeys).toEqual(['documents.companyCar', 'documents.idDocument']);
    expect(company.nextStepKeys).toEqual(expect.arrayContaining(['nextSteps.companyCar', 'nextSteps.collect']));
  });

  it('keeps the postal vote free, and lists the ID document only when the papers are collected', () => {
    const vote = service('briefwahl');
    const home = selectParts(vote, applicableParts(vote, { deliveryMethod: 'zuhause' }));
    expect(home.fees.map((fee) => fee.amountCents)).toEqual([0]);
    expect(home.documentKeys).toEqual([]);
    expect(home.nextStepKeys).toContain('nextSteps.postHome');
    const collect = selectParts(vote, applicableParts(vote, { deliveryMethod: 'abholung' }));
    expect(collect.documentKeys).toEqual(['documents.idDocument']);
  });

  it('asks for the tax tag only when it is returned, and says nothing more is needed when it is lost', () => {
    const off = service('hund-abmelden');
    const returned = selectParts(off, applicableParts(off, { taxTag: 'zurueck', reason: 'verstorben' }));
    expect(returned.documentKeys).toEqual(['documents.taxTag']);
    expect(returned.nextStepKeys).toContain('nextSteps.tagReturn');
    const lost = selectParts(off, applicableParts(off, { taxTag: 'verloren', reason: 'weggezogen' }));
    expect(lost.documentKeys).toEqual([]);
    expect(lost.nextStepKeys).toEqual(expect.arrayContaining(['nextSteps.tagLost', 'nextSteps.newTown']));
  });
});

describe('the core checks the answers of the new services', () => {
  async function start(serviceId: string) {
    const kiosk = openTestCore({ resourcesDir: PROJECT_RESOURCES });
    dirs.push(kiosk.dataDir);
    let view: SessionView = await kiosk.value('session.start', { serviceId, language: 'de' });
    const answer = async (stepId: string, values: Record<string, unknown>) => {
      view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values });
      return view;
    };
    const errorsOf = async (stepId: string, values: Record<string, unknown>) => {
      const result = await kiosk.call('session.answer', { sessionId: view.sessionId, stepId, values });
      return result.ok ? [] : (result.error.fieldErrors ?? []).map((error) => `${error.field}:${error.code}`);
    };
    return { kiosk, answer, errorsOf, view: () => view };
  }

  it('takes German licence plates as written on the car and refuses anything else', async () => {
    const { kiosk, answer, errorsOf, view } = await start('bewohnerparkausweis');
    try {
      await answer('zone', { zone: 'a-altstadt' });
      await answer('person', { givenNames: 'Anna', familyName: 'Meyer' });
      await answer('address', STADE);
      expect(view().position).toMatchObject({ kind: 'step', stepId: 'plate' });
      for (const plate of ['ABCD-E 1', 'STD-AB', 'STD-AB 0123', '123', 'STD-ABC 12'])
        expect(await errorsOf('plate', { licencePlate: plate }), plate).toEqual(['licencePlate:invalid_format']);
      for (const plate of ['STD-AB 123', 'HH-X 1E', 'std ab 42', 'B-MW 2024H'])
        expect(await errorsOf('plate', { licencePlate: plate }), plate).toEqual([]);
    } finally {
      kiosk.close();
    }
  });

  it('takes the voter-register number as digits or not at all, and needs the other address when chosen', async () => {
    const { kiosk, answer, errorsOf, view } = await start('briefwahl');
    try {
      await answer('election', { election: 'landtagswahl-2027' });
      await answer('family-name', { familyName: 'Meyer' });
      await answer('given-names', { givenNames: 'Anna' });
      await answer('date-of-birth', { dateOfBirth: { day: '27', month: '3', year: '1958' } });
      await answer('address', STADE);
      expect(await errorsOf('voter-number', { voterNumber: 'A-12' })).toEqual(['voterNumber:invalid_format']);
      await answer('voter-number', { voterNumber: '' });
      await answer('delivery', { deliveryMethod: 'andere' });
      expect(view().position).toMatchObject({ kind: 'step', stepId: 'other-address' });
      expect(await errorsOf('other-address', {})).toEqual([
        'otherStreet:required',
        'otherHouseNumber:required',
        'otherPostcode:required',
        'otherTown:required',
      ]);
      await answer('other-address', {
        otherStreet: 'Strandweg',
        otherHouseNumber: '3',
        otherPostcode: '27476',
        otherTown: 'Cuxhaven',
      });
      expect(view().position).toMatchObject({ kind: 'step', stepId: 'email' });
    } finally {
      kiosk.close();
    }
  });
});
