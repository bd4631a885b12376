import type { Logger } from './types';

/**
 * A tiny JSON-lines logger. Only whitelisted field names pass, so a careless
 * call site cannot put an answer value into the log: callers log event names,
 * ids, counts and error classes. Everything else is dropped (and counted).
 */
export const LOG_FIELD_WHITELIST: ReadonlySet<string> = new Set([
  'sessionId',
  'serviceId',
  'stepId',
  'reason',
  'method',
  'code',
  'errorClass',
  'count',
  'version',
  'migration',
  'file',
  'path',
  'problems',
  'precompiled',
  'mode',
  'outboxId',
  // Issue 20: a terminal's id in the hub's health log lines (an id, nothing personal).
  'terminalId',
  'status',
  'detail',
  'layout',
]);

type Fields = Record<string, string | number | boolean>;
type Level = 'info' | 'warn' | 'error';
const MAX_VALUE_LENGTH = 200;

export function logLine(level: Level, event: string, fields: Fields = {}): Record<string, unknown> {
  const line: Record<string, unknown> = { time: new Date().toISOString(), level, event };
  let dropped = 0;
  for (const [key, value] of Object.entries(fields)) {
    if (!LOG_FIELD_WHITELIST.has(key)) {
      dropped += 1;
      continue;
    }
    line[key] = typeof value === 'string' ? value.slice(0, MAX_VALUE_LENGTH) : value;
  }
  if (dropped > 0) line.droppedFields = dropped;
  return line;
}

export function createJsonLogger(write: (text: string) => void = (text) => process.stderr.write(text)): Logger {
  const emit = (level: Level) => (event: string, fields?: Fields) => {
    write(`${JSON.stringify(logLine(level, event, fields))}\n`);
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Keeps lines in memory: for tests, and to assert that nothing personal is logged. */
export function createMemoryLogger(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const emit = (level: Level) => (event: string, fields?: Fields) => {
    lines.push(logLine(level, event, fields));
  };
  return { lines, info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export function errorClass(error: unknown): string {
  if (error instanceof Error) return error.constructor.name || 'Error';
  return typeof error;
}
