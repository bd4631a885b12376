import type { z } from 'zod';
import type {
  CONSOLE_API_PREFIX,
  CONSOLE_WS_PATH,
  CSRF_HEADER,
  consoleRoutes,
} from '../../contract/hub/console-protocol';

/**
 * The console's view of contract/hub/console-protocol.ts. Types only: the contract's values pull in zod,
 * whose start-up probe (`new Function`) the strict CSP forbids. The constants are repeated here, and the
 * `typeof` annotations make the compiler check that they equal the contract's.
 */
export const API_PREFIX: typeof CONSOLE_API_PREFIX = '/api/console';
export const WS_PATH: typeof CONSOLE_WS_PATH = '/ws/console';
export const CSRF_HEADER_NAME: typeof CSRF_HEADER = 'x-csrf-token';

export type Routes = typeof consoleRoutes;
export type RouteKey = keyof Routes;
export type RouteReply<K extends RouteKey> = z.infer<Routes[K]['reply']>;
export type RouteBody<K extends RouteKey> = Routes[K] extends { body: infer B extends z.ZodType } ? z.input<B> : never;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
type PathOf<K extends string> = K extends `${string} ${infer P}` ? P : never;
export type RouteParams<K extends RouteKey> = { [Name in ParamNames<PathOf<K>>]: string };

export type {
  AuditEntry,
  HelpRequestView,
  HubToConsole,
  PasswordProblem,
  Staff,
  StaffAccount,
  StaffName,
  TerminalView,
} from '../../contract/hub/console-protocol';
export type { GuideTarget, LiveSnapshot, TerminalActivity } from '../../contract/hub/terminal-protocol';
export type { AlertKind, AlertView, TerminalHealthView } from '../../contract/hub/alerts';
export type { PrinterState, Reachability } from '../../contract/hub/health';
export type { BundleProblem, BundleSummary } from '../../contract/hub/bundles';
export type HandoverView = RouteReply<'POST /handover/open'>;
export type KioskBookingView = RouteReply<'POST /bookings/find'>;
export type FeedbackCommentView = RouteReply<'GET /feedback'>[number];
export type ConsoleSession = RouteReply<'GET /session'>;
export type GuideTargetValue = RouteBody<'POST /help/:requestId/guide'>['target'];
export type AnswerInputValue = RouteBody<'POST /handover/:handoverId/submit'>['answers'][string];
export type { CatalogField, CatalogService, ConsoleCatalog } from '../../contract/hub/console-protocol';
