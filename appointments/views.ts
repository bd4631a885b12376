import type { ScheduleSettings } from './config';
import type { SampleCatalogue, SampleOffice } from './sample-data';
import type { Schedule } from './schedule';
import type { ProcessRow } from './store';

/**
 * The answers' JSON, key for key as zmscitizenapi's models serialise (Models/ThinnedProcess.php,
 * ThinnedScope, ThinnedProvider, Office, Service, OfficeServiceRelation); the recorded answers in
 * /work/shared/zms-citizenapi/fixtures are the check (tests/unit/appointments-drift.test.ts).
 */

export function providerView(office: SampleOffice) {
  return {
    id: office.id,
    name: office.name,
    displayName: office.displayName,
    lat: office.lat,
    lon: office.lon,
    source: 'stade',
    contact: {
      city: office.city,
      country: 'Germany',
      name: office.name,
      postalCode: office.postalCode,
      region: 'Niedersachsen',
      street: office.street,
      streetNumber: office.streetNumber,
    },
  };
}

export function scopeView(office: SampleOffice, settings: ScheduleSettings) {
  return {
    id: office.id,
    provider: providerView(office),
    shortName: office.displayName,
    emailFrom: 'no-reply@stade.example',
    // The kiosk books without an e-mail address; a town's ZMS scope for kiosks must allow that too.
    emailRequired: false,
    telephoneActivated: true,
    telephoneRequired: false,
    customTextfieldActivated: false,
    customTextfieldRequired: false,
    customTextfieldLabel: null,
    customTextfield2Activated: false,
    customTextfield2Required: false,
    customTextfield2Label: null,
    captchaActivatedRequired: false,
    infoForAppointment: null,
    infoForAllAppointments: null,
    slotsPerAppointment: null,
    appointmentsPerMail: null,
    whitelistedMails: null,
    reservationDuration: settings.reservationMinutes,
    activationDuration: settings.activationMinutes,
    hint: null,
  };
}

export function officesAndServicesView(catalogue: SampleCatalogue, settings: ScheduleSettings) {
  return {
    offices: catalogue.offices.map((office) => ({
      id: office.id,
      name: office.name,
      address: null,
      showAlternativeLocations: false,
      displayNameAlternatives: [],
      organization: null,
      organizationUnit: null,
      slotTimeInMinutes: settings.slotMinutes,
      geo: { lat: String(office.lat), lon: String(office.lon) },
      disabledByServices: [],
      priority: 1,
      scope: scopeView(office, settings),
      slotsPerAppointment: null,
      parentId: null,
      allowDisabledServicesMix: null,
      sharedBookingOfficeIds: null,
    })),
    services: catalogue.services.map((service) => ({
      id: service.id,
      name: service.name,
      maxQuantity: service.maxQuantity,
      combinable: [],
      parentId: null,
      variantId: null,
      rootParentId: service.id,
      showOnStartPage: true,
    })),
    relations: catalogue.relations.map((relation) => ({
      officeId: relation.officeId,
      serviceId: relation.serviceId,
      slots: relation.slots,
      public: true,
      maxQuantity: null,
    })),
  };
}

function icsTime(seconds: number): string {
  return new Date(seconds * 1000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A minimal calendar entry for a confirmed appointment, as ZMS attaches one (no personal data in it). */
function icsContent(row: ProcessRow, office: SampleOffice, serviceName: string, slotSeconds: number): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Buergerkiosk//Reference appointments//DE',
    'BEGIN:VEVENT',
    `UID:${row.process_id}@appointments.buergerkiosk`,
    `DTSTAMP:${icsTime(Math.floor(row.created_at / 1000))}`,
    `DTSTART:${icsTime(row.timestamp)}`,
    `DTEND:${icsTime(row.timestamp + row.slot_count * slotSeconds)}`,
    `SUMMARY:${serviceName}`,
    `LOCATION:${office.name}\\, ${office.street} ${office.streetNumber}\\, ${office.postalCode} ${office.city}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

export function processView(row: ProcessRow, schedule: Schedule, settings: ScheduleSettings) {
  const office = schedule.office(row.office_id)!;
  const service = schedule.service(row.service_id);
  const serviceName = service?.name ?? null;
  return {
    processId: row.process_id,
    timestamp: String(row.timestamp),
    authKey: row.auth_key,
    familyName: row.family_name,
    customTextfield: row.custom_textfield,
    customTextfield2: row.custom_textfield2,
    email: row.email,
    telephone: row.telephone,
    officeName: office.name,
    officeId: office.id,
    status: row.status,
    scope: scopeView(office, settings),
    subRequestCounts: [],
    serviceId: row.service_id,
    serviceName,
    serviceCount: row.service_count,
    slotCount: row.slot_count,
    displayNumber: null,
    // No captcha here: a kiosk is no anonymous browser.
    captchaToken: null,
    icsContent:
      row.status === 'confirmed' || row.status === 'preconfirmed'
        ? icsContent(row, office, serviceName ?? '', schedule.slotSeconds)
        : null,
  };
}
