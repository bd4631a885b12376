import { fieldType, type AnswerInput, type Field } from '../../../contract';
import type { JsonSchemaProperty, LoadedService } from './service-data';

/**
 * Realistic answers for any field, from its type and its JSON Schema, so one
 * driver fills all services. Values are plain data: the UI driver types them,
 * the benchmark and API tests send them as `AnswerInput`.
 */

export type PlannedValue =
  | { kind: 'text'; value: string }
  | { kind: 'date'; day: string; month: string; year: string }
  | { kind: 'choice'; values: string[]; multiple: boolean } // radio: one value; checkboxes: one or more
  | { kind: 'confirm' };

/** Known field names get typical Stade answers; anything else falls back to its type's `example`. */
const BY_NAME: Record<string, string> = {
  familyName: 'Meyer-Schulz',
  givenNames: 'Anna Maria',
  contactName: 'Anna Meyer-Schulz',
  name: 'Anna Meyer-Schulz',
  street: 'Hökerstraße',
  houseNumber: '14a',
  postcode: '21682',
  town: 'Stade',
  city: 'Stade',
  email: 'anna.meyer@beispiel.de',
  phone: '04141 123456',
  purposeOther: 'Für den Vermieter',
  itemsDescription: 'Ein altes Sofa und zwei Stühle',
  // briefwahl, hund-anmelden, hund-abmelden, bewohnerparkausweis: fields with a pattern or a typical answer
  voterNumber: '1234',
  otherStreet: 'Strandweg',
  otherHouseNumber: '3',
  otherPostcode: '27476',
  otherTown: 'Cuxhaven',
  dogName: 'Bello',
  dogBreed: 'Labrador-Mischling',
  originDetail: 'Tierheim Stade',
  tagNumber: '1234',
  newOwnerName: 'Jan Peters',
  newOwnerAddress: 'Bahnhofstraße 5, 21614 Buxtehude',
  newTown: 'Buxtehude',
  licencePlate: 'STD-AB 123',
  // gewerbe-anmelden: the business premises, a second address with its own house number pattern
  businessStreet: 'Große Schmiedestraße',
  businessHouseNumber: '3',
  businessTown: 'Stade',
  parentName: 'Klara Nowak',
  // Moving in and out (wohnsitz-anmelden, abmeldung).
  previousStreet: 'Lange Reihe',
  previousHouseNumber: '3',
  previousPostcode: '20099',
  previousTown: 'Hamburg',
  nationality: 'deutsch',
  abroadAddress: 'Rue de la Paix 5, 75002 Paris',
  abroadCountry: 'Frankreich',
};

function dateParts(date: Date): PlannedValue {
  return {
    kind: 'date',
    day: String(date.getDate()),
    month: String(date.getMonth() + 1),
    year: String(date.getFullYear()),
  };
}

/** Follows the `x-kiosk-date` rules of core/validation/kiosk-date-keyword.ts. */
function plannedDate(property: JsonSchemaProperty | undefined, today = new Date()): PlannedValue {
  const rules = (property?.['x-kiosk-date'] ?? {}) as {
    notBeforeToday?: boolean;
    maxDaysAhead?: number;
    maxYearsAgo?: number;
  };
  const shifted = (days: number) => new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
  if (rules.notBeforeToday) return dateParts(shifted(Math.max(1, Math.min(14, rules.maxDaysAhead ?? 14))));
  if (rules.maxYearsAgo !== undefined && rules.maxYearsAgo < 60) return dateParts(shifted(-10));
  return { kind: 'date', day: '27', month: '3', year: '1958' };
}

function plannedNumber(property: JsonSchemaProperty | undefined): string {
  const min = property?.minimum ?? 1;
  const max = property?.maximum ?? min + 10;
  return String(Math.min(max, Math.max(min, 2)));
}

export function planValue(service: LoadedService, field: Field, overrides: Record<string, string> = {}): PlannedValue {
  const property = service.schema.properties[field.name];
  const override = overrides[field.name];
  // By what the type is (contract/fields/<type>/), not its name, so a new type needs nothing here.
  const type = fieldType(field.type);
  if (type.options) {
    const multiple = type.input === 'choices';
    const values = override ? (multiple ? override.split(',') : [override]) : [field.options![0]!.value];
    return { kind: 'choice', values, multiple };
  }
  if (type.input === 'flag') return { kind: 'confirm' };
  if (type.input === 'date') return plannedDate(property);
  if (type.compare === 'number') return { kind: 'text', value: override ?? plannedNumber(property) };
  return { kind: 'text', value: override ?? BY_NAME[field.name] ?? type.example ?? 'Beispiel' };
}

export function toAnswerInput(planned: PlannedValue): AnswerInput {
  switch (planned.kind) {
    case 'text':
      return planned.value;
    case 'date':
      return { day: planned.day, month: planned.month, year: planned.year };
    case 'choice':
      return planned.multiple ? planned.values : planned.values[0]!;
    case 'confirm':
      return true;
  }
}
