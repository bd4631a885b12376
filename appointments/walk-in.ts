import { randomInt } from 'node:crypto';
import { newAuthKey, type ProcessStore } from './store';
import { isoWeekday, localDate, localToEpochSeconds } from './local-time';
import type { SampleCatalogue, SampleOffice, SampleWalkIn } from './sample-data';

/**
 * Walk-in waiting numbers: an EXTENSION of the reference server beyond the citizen API, which has no ticket
 * route. It follows ZMS's own (staff and ticket-printer) API, zmsapi, where that has the shapes:
 *  - the route `GET /scope/{id}/waitingnumber/{hash}/` (zmsapi/routing.php, TicketprinterWaitingnumberByScope.php:
 *    a ticket printer, known by its hash, draws the next number of a scope, i.e. an office);
 *  - the answer `{meta, data}` with a process whose `queue` is zmsentities/schema/queue.json (`number`,
 *    `arrivalTime`, `status: "queued"`, `withAppointment: false`, and `waitingTimeEstimate` in minutes only
 *    where the scope publishes it, ZMS's `preferences.queue.publishWaitingTimeEnabled`);
 *  - errors as zmsapi's `{meta: {error: true, message, exception}}` with its exception class names
 *    (Exception/Scope/ScopeNotFound, Exception/Ticketprinter/TicketprinterHashNotValid and
 *    TicketprinterNotEnabled; zmsdb's Exception/Scope/GivenNumberCountExceeded when the day's numbers are used up).
 * ZMS answers TicketprinterNotEnabled with 200 or 500 depending on its version; this server answers 423, and the
 * kiosk's client reads `meta.exception`, not the status, so either works.
 */

export const ZMSAPI_BASE_PATH = '/terminvereinbarung/api/2';

const PROCESS_SCHEMA = 'https://schema.berlin.de/queuemanagement/process.json';

export class ZmsApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly exception: string,
    message: string,
  ) {
    super(message);
  }
}

export const scopeNotFound = () =>
  new ZmsApiFailure(404, 'BO\\Zmsapi\\Exception\\Scope\\ScopeNotFound', 'Scope not found');
const hashNotValid = () =>
  new ZmsApiFailure(
    403,
    'BO\\Zmsapi\\Exception\\Ticketprinter\\TicketprinterHashNotValid',
    'Ticketprinter hash is not valid.',
  );
const notEnabled = () =>
  new ZmsApiFailure(423, 'BO\\Zmsapi\\Exception\\Ticketprinter\\TicketprinterNotEnabled', 'Ticketprinter not enabled.');
const numbersUsedUp = () =>
  new ZmsApiFailure(
    423,
    'BO\\Zmsdb\\Exception\\Scope\\GivenNumberCountExceeded',
    'The waiting numbers of this scope are used up for today.',
  );

export function zmsApiErrorBody(failure: ZmsApiFailure, nowMs: number) {
  return {
    meta: {
      error: true,
      message: failure.message,
      exception: failure.exception,
      generated: new Date(nowMs).toISOString(),
    },
    data: {},
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The ticket printer's day at one office: hands out numbers while its walk-in hours are on. */
export class WalkInDesk {
  private readonly offices: Map<number, SampleOffice>;

  constructor(
    private readonly store: ProcessStore,
    catalogue: SampleCatalogue,
    private readonly hashes: ReadonlySet<string>,
    private readonly now: () => number,
  ) {
    this.offices = new Map(catalogue.offices.map((office) => [office.id, office]));
  }

  /** The walk-in block running now at the office (local minutes from, to), if any. */
  private openBlock(walkIn: SampleWalkIn, nowMs: number): { date: string; from: number } | undefined {
    const date = localDate(nowMs);
    const minute = Math.floor((nowMs / 1000 - localToEpochSeconds(date, 0)) / 60);
    const blocks = walkIn.hours[isoWeekday(date) as 1] ?? [];
    const block = blocks.find(([from, to]) => minutesOf(from) <= minute && minute < minutesOf(to));
    return block ? { date, from: minutesOf(block[0]) } : undefined;
  }

  /** GET /scope/{id}/waitingnumber/{hash}/: the next number of the office's day, in one write transaction. */
  take(scopeId: number, hash: string) {
    const office = this.offices.get(scopeId);
    if (!office) throw scopeNotFound();
    if (!this.hashes.has(hash)) throw hashNotValid();
    const walkIn = office.walkIn;
    const nowMs = this.now();
    const open = walkIn ? this.openBlock(walkIn, nowMs) : undefined;
    if (!walkIn || !open) throw notEnabled();
    const db = this.store.db;
    const row = db
      .transaction(() => {
        const given = db
          .prepare('SELECT COUNT(*) AS n FROM waiting_numbers WHERE scope_id = ? AND day = ?')
          .get(scopeId, open.date) as { n: number };
        const number = walkIn.firstNumber + given.n;
        if (number > walkIn.lastNumber) throw numbersUsedUp();
        let processId: number;
        do processId = randomInt(100_000, 1_000_000);
        while (
          this.store.get(processId) ||
          db.prepare('SELECT 1 FROM waiting_numbers WHERE process_id = ?').get(processId)
        );
        const arrivalTime = Math.floor(nowMs / 1000);
        db.prepare(
          'INSERT INTO waiting_numbers (scope_id, day, number, process_id, arrival_time) VALUES (?, ?, ?, ?, ?)',
        ).run(scopeId, open.date, number, processId, arrivalTime);
        return { number, processId, arrivalTime, ahead: given.n };
      })
      .immediate();
    // The desks have served one resident each processingTimeAverage minutes since the block began; the
    // resident waits for those still ahead and, on average, for one desk to become free.
    const minutesOpen = Math.max(0, (nowMs / 1000 - localToEpochSeconds(open.date, open.from)) / 60);
    const served = Math.floor((minutesOpen / walkIn.processingTimeAverage) * walkIn.workstationCount);
    const waitingAhead = Math.max(0, row.ahead - served);
    const estimate = Math.ceil(((waitingAhead + 1) * walkIn.processingTimeAverage) / walkIn.workstationCount);
    return {
      meta: { error: false, generated: new Date(nowMs).toISOString() },
      data: {
        $schema: PROCESS_SCHEMA,
        id: row.processId,
        authKey: newAuthKey(),
        status: 'queued',
        createTimestamp: row.arrivalTime,
        scope: { id: scopeId, shortName: office.displayName },
        queue: {
          arrivalTime: row.arrivalTime,
          number: row.number,
          status: 'queued',
          withAppointment: false,
          waitingTime: 0,
          ...(walkIn.publishWaitingTime ? { waitingTimeEstimate: estimate } : {}),
        },
      },
    };
  }
}
