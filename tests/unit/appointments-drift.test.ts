import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  BUERGERBUERO,
  fixture,
  fixtureNames,
  MONDAY,
  PERSONALAUSWEIS,
  reserveBody,
  shapeDiff,
  slotAt,
  startTestServer,
  type TestServer,
} from '../fixtures/appointments-harness';

/**
 * The reference appointment server against the answers recorded from ZMS's own controller tests
 * (/work/shared/zms-citizenapi/fixtures): the same keys and the same scalar types on every route, and the
 * same error entries (code, message, status, type) with the highest status as the HTTP status. A drift
 * between the reference server and real ZMS fails here.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.stop());

async function reserved(time = slotAt(MONDAY, '09:00')) {
  const answer = await api(t.server, 'POST', 'reserve-appointment', reserveBody(time));
  expect(answer.status).toBe(200);
  return answer.body as { processId: number; authKey: string };
}

const contact = { familyName: 'Muster', email: 'm@example.org', telephone: '0414112345' };

describe('success answers have the recorded shape', () => {
  it('GET /offices-and-services/', async () => {
    const answer = await api(t.server, 'GET', 'offices-and-services');
    expect(answer.status).toBe(200);
    expect(shapeDiff(fixture('offices-and-services__testRendering').body, answer.body)).toEqual([]);
  });

  it('GET /available-calendar/: integer timestamps, office ids as digit strings', async () => {
    const answer = await api(t.server, 'GET', 'available-calendar', {
      startDate: MONDAY,
      endDate: '2026-12-11',
      officeIds: String(BUERGERBUERO),
      serviceIds: String(PERSONALAUSWEIS),
      serviceCounts: '1',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.availableDays.length).toBeGreaterThan(0);
    expect(shapeDiff(fixture('available-calendar__testRendering').body, answer.body)).toEqual([]);
    const office = answer.body.availableDays[0].offices[0];
    expect(office.officeId).toBe(String(BUERGERBUERO));
    expect(office.appointments.every((stamp: unknown) => Number.isInteger(stamp))).toBe(true);
  });

  it('POST /reserve-appointment/: a digit-string timestamp and status reserved', async () => {
    const time = slotAt(MONDAY, '09:15');
    const answer = await api(t.server, 'POST', 'reserve-appointment', reserveBody(time));
    expect(answer.status).toBe(200);
    expect(shapeDiff(fixture('reserve-appointment__testRendering').body, answer.body)).toEqual([]);
    expect(answer.body.timestamp).toBe(String(time));
    expect(answer.body.status).toBe('reserved');
  });

  it('update, preconfirm, confirm, get and cancel', async () => {
    const ref = await reserved(slotAt(MONDAY, '09:30'));
    const keys = { processId: String(ref.processId), authKey: ref.authKey };
    const steps = [
      ['update-appointment', 'POST', { ...keys, ...contact }, 'reserved'],
      ['preconfirm-appointment', 'POST', keys, 'preconfirmed'],
      ['confirm-appointment', 'POST', keys, 'confirmed'],
      ['appointment', 'GET', keys, 'confirmed'],
      ['cancel-appointment', 'POST', keys, 'deleted'],
    ] as const;
    for (const [route, method, params, status] of steps) {
      const answer = await api(t.server, method, route, params);
      expect(answer.status, route).toBe(200);
      const recorded = fixture(`${route === 'appointment' ? 'appointment' : route}__testRendering`);
      expect(shapeDiff(recorded.body, answer.body), route).toEqual([]);
      expect(answer.body.status, route).toBe(status);
      expect(answer.body.timestamp, route).toMatch(/^\d+$/);
    }
  });
});

describe('error answers are the recorded ones', () => {
  // Requests that need no state of the recorded test's database: sent as recorded.
  const asRecorded = [
    'appointment__testBothParametersMissing',
    'appointment__testMissingAuthKey',
    'appointment__testMissingProcessId',
    'available-calendar__testAllParametersMissing',
    'available-calendar__testMissingOfficeId',
    'available-calendar__testMissingServiceCount',
    'available-calendar__testMissingStartDate',
    'reserve-appointment__testMissingAllFields',
    'reserve-appointment__testMissingOfficeId',
    'reserve-appointment__testMissingTimestamp',
    'reserve-appointment__testInvalidServiceCount',
    'update-appointment__testInvalidProcessid_ValidAuthkey_ValidFamilyname_ValidEmail_ValidTelephone_ValidCustomtextfield',
    'update-appointment__testValidProcessid_ValidAuthkey_InvalidFamilyname_ValidEmail_ValidTelephone_ValidCustomtextfield',
    'update-appointment__testValidProcessid_ValidAuthkey_ValidFamilyname_InvalidEmail_ValidTelephone_ValidCustomtextfield',
  ];
  it.each(asRecorded)('%s', async (name) => {
    const recorded = fixture(name);
    const [method, route] = recorded.endpoint.split(' ') as ['GET' | 'POST', string];
    const request = Array.isArray(recorded.request) ? {} : recorded.request;
    const answer = await api(t.server, method, route.replaceAll('/', ''), request);
    expect(answer.status).toBe(recorded.status);
    const sortByCode = (errors: Array<{ errorCode: string }>) =>
      [...errors].sort((a, b) => a.errorCode.localeCompare(b.errorCode));
    expect(sortByCode(answer.body.errors)).toEqual(sortByCode(recorded.body.errors));
  });

  it('every recorded error fixture of the current API is covered here or by a stateful case', () => {
    const stateful = [
      'appointment__testAppointmentNotFound',
      'appointment__testAuthKeyMismatchException',
      'reserve-appointment__testAppointmentNotAvailable',
      'update-appointment__testAppointmentNotFoundException',
      'update-appointment__testAuthKeyMismatchException',
      'update-appointment__testProcessNotReservedAnymore',
    ];
    // Not reproducible here, by design: e-mail is never required of a kiosk booking, the recorded range
    // error is a mock artefact (520), the scope has no required custom field.
    const notApplicable = [
      'available-calendar__testInvalidDateRange',
      'update-appointment__testEmailRequired',
      'update-appointment__testTooManyEmailsAtLocation',
      'update-appointment__testValidProcessid_ValidAuthkey_InvalidFamilyname_InvalidEmail_InvalidTelephone_InvalidCustomtextfield',
    ];
    const errors = fixtureNames().filter((name) => fixture(name).status !== 200);
    expect(errors.filter((name) => ![...asRecorded, ...stateful, ...notApplicable].includes(name))).toEqual([]);
  });

  const expectRecorded = (answer: { status: number; body: unknown }, name: string) => {
    const recorded = fixture(name);
    expect(answer.status).toBe(recorded.status);
    expect(answer.body).toEqual(recorded.body);
  };

  it('unknown process id: appointmentNotFound on get and update', async () => {
    const unknown = { processId: '101003', authKey: 'fb43' };
    expectRecorded(await api(t.server, 'GET', 'appointment', unknown), 'appointment__testAppointmentNotFound');
    expectRecorded(
      await api(t.server, 'POST', 'update-appointment', { ...unknown, ...contact }),
      'update-appointment__testAppointmentNotFoundException',
    );
  });

  it('wrong auth key: authKeyMismatch on get and update', async () => {
    const ref = await reserved(slotAt(MONDAY, '10:00'));
    const wrong = { processId: String(ref.processId), authKey: 'cafe' };
    expectRecorded(await api(t.server, 'GET', 'appointment', wrong), 'appointment__testAuthKeyMismatchException');
    expectRecorded(
      await api(t.server, 'POST', 'update-appointment', { ...wrong, ...contact }),
      'update-appointment__testAuthKeyMismatchException',
    );
  });

  it('a time not offered: appointmentNotAvailable', async () => {
    expectRecorded(
      await api(t.server, 'POST', 'reserve-appointment', reserveBody(slotAt(MONDAY, '09:07'))),
      'reserve-appointment__testAppointmentNotAvailable',
    );
  });

  it('an expired reservation: processNotReservedAnymore', async () => {
    const ref = await reserved(slotAt(MONDAY, '10:15'));
    t.server.faults.expireHeld();
    expectRecorded(
      await api(t.server, 'POST', 'update-appointment', { processId: ref.processId, authKey: ref.authKey, ...contact }),
      'update-appointment__testProcessNotReservedAnymore',
    );
  });
});
