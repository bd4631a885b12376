/**
 * The reference server's SAMPLE offices and services for Stade (opening hours, addresses and ids are
 * illustrative, not the town's real ones). ZMS ids are integers; `kioskOfficeId` and `kioskServiceIds` say
 * which kiosk office and services they stand for, so that the embedded default needs no configuration file.
 */

/** Opening hours per ISO weekday (1 = Monday), as [from, to) in "HH:MM" local time. */
export type OpeningHours = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, Array<[string, string]>>>;

export interface SampleOffice {
  id: number;
  kioskOfficeId: string;
  name: string;
  displayName: string;
  street: string;
  streetNumber: string;
  postalCode: string;
  city: string;
  lat: number;
  lon: number;
  hours: OpeningHours;
  /** Walk-ins (a waiting number at the office, no appointment); absent: the office takes none. */
  walkIn?: SampleWalkIn;
}

/**
 * An office's waiting numbers, after ZMS's scope preferences (zmsentities/schema/scope.json, `preferences.queue`:
 * firstNumber, lastNumber, processingTimeAverage, publishWaitingTimeEnabled) and its ticket printer's hours.
 */
export interface SampleWalkIn {
  hours: OpeningHours;
  firstNumber: number;
  lastNumber: number;
  /** Minutes one resident takes at a desk, on average. */
  processingTimeAverage: number;
  /** Desks serving walk-ins at once (ZMS: workstationCount, or ghostWorkstationCount when set). */
  workstationCount: number;
  /** Whether the estimated waiting time is given out (ZMS: publishWaitingTimeEnabled). */
  publishWaitingTime: boolean;
}

/** The sample ticket printer's hash (ZMS: a ticket printer is known by its hash, `/scope/{id}/waitingnumber/{hash}/`). */
export const SAMPLE_TICKETPRINTER_HASH = '1stadekiosk0000000000000000';

const WEEKDAY_MORNINGS: OpeningHours = {
  1: [['08:30', '12:00']],
  2: [['08:30', '12:00']],
  3: [['08:30', '12:00']],
  4: [['08:30', '12:00']],
  5: [['08:30', '12:00']],
};

export interface SampleService {
  id: number;
  name: string;
  maxQuantity: number;
  kioskServiceIds: string[];
}

export interface SampleRelation {
  officeId: number;
  serviceId: number;
  /** Slots one unit of the service takes at this office. */
  slots: number;
}

export interface SampleCatalogue {
  offices: SampleOffice[];
  services: SampleService[];
  relations: SampleRelation[];
}

const RATHAUS = { street: 'Hökerstraße', streetNumber: '2', postalCode: '21682', city: 'Stade', lat: 53.6, lon: 9.476 };

/** Bürgerbüro sample hours: long Thursday, Friday mornings only. */
const BUERGERBUERO_HOURS: OpeningHours = {
  1: [
    ['08:00', '12:00'],
    ['14:00', '16:00'],
  ],
  2: [
    ['08:00', '12:00'],
    ['14:00', '16:00'],
  ],
  3: [['08:00', '12:00']],
  4: [
    ['08:00', '12:00'],
    ['14:00', '18:00'],
  ],
  5: [['08:00', '12:00']],
};

const OFFICE_HOURS: OpeningHours = {
  1: [['08:30', '12:00']],
  2: [['08:30', '12:00']],
  3: [['08:30', '12:00']],
  4: [
    ['08:30', '12:00'],
    ['14:00', '17:00'],
  ],
  5: [['08:30', '12:00']],
};

export const SAMPLE_CATALOGUE: SampleCatalogue = {
  offices: [
    {
      id: 10001,
      kioskOfficeId: 'buergerbuero',
      name: 'Bürgerservicebüro Stade (Rathaus)',
      displayName: 'Bürgerservicebüro',
      ...RATHAUS,
      hours: BUERGERBUERO_HOURS,
      walkIn: {
        hours: WEEKDAY_MORNINGS,
        firstNumber: 100,
        lastNumber: 999,
        processingTimeAverage: 12,
        workstationCount: 2,
        publishWaitingTime: true,
      },
    },
    {
      id: 10002,
      kioskOfficeId: 'ordnungsamt',
      name: 'Bauhof und Ordnungsamt Stade',
      displayName: 'Ordnungsamt',
      street: 'Am Bauhof',
      streetNumber: '1',
      postalCode: '21682',
      city: 'Stade',
      lat: 53.59,
      lon: 9.47,
      hours: OFFICE_HOURS,
    },
    {
      id: 10003,
      kioskOfficeId: 'wahlamt',
      name: 'Wahlamt Stade (Rathaus)',
      displayName: 'Wahlamt',
      ...RATHAUS,
      hours: OFFICE_HOURS,
    },
    {
      id: 10004,
      kioskOfficeId: 'gewerbeamt',
      name: 'Gewerbeamt Stade (Rathaus)',
      displayName: 'Gewerbeamt',
      ...RATHAUS,
      hours: OFFICE_HOURS,
    },
    {
      id: 10005,
      kioskOfficeId: 'fundbuero',
      name: 'Fundbüro Stade (Rathaus)',
      displayName: 'Fundbüro',
      ...RATHAUS,
      hours: OFFICE_HOURS,
      // Walk-ins without a published waiting time: the kiosk then says it is not known.
      walkIn: {
        hours: WEEKDAY_MORNINGS,
        firstNumber: 1,
        lastNumber: 99,
        processingTimeAverage: 10,
        workstationCount: 1,
        publishWaitingTime: false,
      },
    },
  ],
  services: [
    { id: 20001, name: 'Personalausweis beantragen', maxQuantity: 5, kioskServiceIds: ['personalausweis'] },
    { id: 20002, name: 'Reisepass beantragen', maxQuantity: 5, kioskServiceIds: ['reisepass'] },
    { id: 20003, name: 'Wohnsitz anmelden', maxQuantity: 5, kioskServiceIds: ['wohnsitz-anmelden', 'abmeldung'] },
    { id: 20004, name: 'Führungszeugnis beantragen', maxQuantity: 1, kioskServiceIds: ['fuehrungszeugnis'] },
    { id: 20005, name: 'Lebensbescheinigung', maxQuantity: 1, kioskServiceIds: ['lebensbescheinigung'] },
    { id: 20006, name: 'Gewerbe anmelden', maxQuantity: 1, kioskServiceIds: ['gewerbe-anmelden'] },
    { id: 20007, name: 'Briefwahl beantragen', maxQuantity: 1, kioskServiceIds: ['briefwahl'] },
    { id: 20008, name: 'Fundsache abholen', maxQuantity: 1, kioskServiceIds: ['fundsache-melden', 'verlust-melden'] },
    { id: 20009, name: 'Bewohnerparkausweis', maxQuantity: 1, kioskServiceIds: ['bewohnerparkausweis'] },
  ],
  relations: [
    { officeId: 10001, serviceId: 20001, slots: 1 },
    { officeId: 10001, serviceId: 20002, slots: 1 },
    { officeId: 10001, serviceId: 20003, slots: 1 },
    { officeId: 10001, serviceId: 20004, slots: 1 },
    { officeId: 10001, serviceId: 20005, slots: 1 },
    { officeId: 10002, serviceId: 20009, slots: 1 },
    { officeId: 10003, serviceId: 20007, slots: 1 },
    { officeId: 10004, serviceId: 20006, slots: 2 },
    { officeId: 10005, serviceId: 20008, slots: 1 },
  ],
};
