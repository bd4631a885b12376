import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ZMS_BASE_PATH } from '../contract/appointments';
import type { Booking } from './booking';
import type { ScheduleSettings } from './config';
import { renderDemoPage } from './demo-page';
import { zmsError, ZmsFailure } from './errors';
import type { Faults, RouteName } from './faults';
import type { RateLimiter } from './rate-limit';
import type { SampleCatalogue } from './sample-data';
import type { Schedule } from './schedule';
import type { ProcessStore } from './store';
import { parseCalendarQuery, parseProcessRef, parseReserve, parseUpdate } from './validation';
import { officesAndServicesView, processView } from './views';
import { scopeNotFound, type WalkInDesk, ZMSAPI_BASE_PATH, ZmsApiFailure, zmsApiErrorBody } from './walk-in';

export interface ServerParts {
  booking: Booking;
  walkIns: WalkInDesk;
  store: ProcessStore;
  schedule: Schedule;
  catalogue: SampleCatalogue;
  settings: ScheduleSettings;
  faults: Faults;
  limiter: RateLimiter;
  now: () => number;
  log: (event: string, fields: Record<string, unknown>) => void;
}

// A 10,000-character name must reach the name check (and be refused there), not the body limit.
const BODY_LIMIT = 64 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sendErrors(reply: FastifyReply, failure: ZmsFailure): FastifyReply {
  return reply.code(failure.status).type('application/json').send({ errors: failure.errors });
}

/** The citizen API's routes under ZMS's base path (zmscitizenapi/routing.php), plus /demo. */
export function buildServer(parts: ServerParts): FastifyInstance {
  const app = Fastify({ bodyLimit: BODY_LIMIT, logger: false });
  const { booking, faults, schedule, settings } = parts;
  const asObject = (value: unknown): Record<string, unknown> =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, _request, reply) => {
    if (error instanceof ZmsFailure) return sendErrors(reply, error);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendErrors(reply, new ZmsFailure('requestEntityTooLarge'));
    if (error.statusCode && error.statusCode < 500) return sendErrors(reply, new ZmsFailure('invalidRequest'));
    parts.log('request.failed', { message: error.message });
    return sendErrors(reply, new ZmsFailure('internalError'));
  });
  app.setNotFoundHandler((_request, reply) => sendErrors(reply, new ZmsFailure('notFound')));

  const route = (method: 'GET' | 'POST', name: RouteName, handler: (input: Record<string, unknown>) => unknown) => {
    const run = async (request: FastifyRequest, reply: FastifyReply) => {
      if (!parts.limiter.allow(request.ip)) return sendErrors(reply, new ZmsFailure('rateLimitExceeded'));
      const input = asObject(method === 'GET' ? request.query : request.body);
      const fault = faults.take(name);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.status === 502) return reply.code(502).type('text/plain').send('Bad Gateway');
      if (fault?.status) {
        return sendErrors(reply, new ZmsFailure(fault.status === 503 ? 'serviceUnavailable' : 'internalError'));
      }
      if (fault?.takeSlot && name === 'reserve-appointment') {
        const wanted = parseReserve(input);
        booking.occupy(wanted.officeId, wanted.timestamp);
      }
      return reply.type('application/json').send(handler(input));
    };
    // ZMS's routes end in a slash; the same route without it is served as well.
    for (const path of [`${ZMS_BASE_PATH}/${name}/`, `${ZMS_BASE_PATH}/${name}`]) {
      app.route({ method, url: path, handler: run });
    }
  };

  const view = (row: Parameters<typeof processView>[0]) => processView(row, schedule, settings);
  route('GET', 'offices-and-services', () => officesAndServicesView(parts.catalogue, settings));
  route('GET', 'available-calendar', (input) => booking.calendar(parseCalendarQuery(input)));
  route('POST', 'reserve-appointment', (input) => view(booking.reserve(parseReserve(input))));
  route('POST', 'update-appointment', (input) => view(booking.update(parseUpdate(input))));
  route('POST', 'preconfirm-appointment', (input) => view(booking.preconfirm(parseProcessRef(input))));
  route('POST', 'confirm-appointment', (input) => view(booking.confirm(parseProcessRef(input))));
  route('POST', 'cancel-appointment', (input) => view(booking.cancel(parseProcessRef(input))));
  route('GET', 'appointment', (input) => view(booking.get(parseProcessRef(input))));

  // Walk-in waiting numbers: zmsapi's ticket-printer route, not the citizen API's (see ./walk-in.ts).
  const waitingNumber = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!parts.limiter.allow(request.ip)) return sendErrors(reply, new ZmsFailure('rateLimitExceeded'));
    const fault = faults.take('waitingnumber');
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.status) return reply.code(fault.status).type('text/plain').send('Server error');
    const { id, hash } = request.params as { id: string; hash: string };
    try {
      if (!/^\d{1,11}$/.test(id)) throw scopeNotFound();
      return reply.type('application/json').send(parts.walkIns.take(Number(id), hash));
    } catch (error) {
      if (!(error instanceof ZmsApiFailure)) throw error;
      return reply.code(error.status).type('application/json').send(zmsApiErrorBody(error, parts.now()));
    }
  };
  app.get(`${ZMSAPI_BASE_PATH}/scope/:id/waitingnumber/:hash/`, waitingNumber);
  app.get(`${ZMSAPI_BASE_PATH}/scope/:id/waitingnumber/:hash`, waitingNumber);

  app.get('/demo', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(renderDemoPage(parts.store.all(), parts.catalogue, parts.now())),
  );
  return app;
}

export { zmsError };
