import { api, isApiMethod, SessionViewSchema, type Result, type SessionView } from '../../contract';

/**
 * The methods whose handlers answer with a session view (or null: `session.resume`), read off the contract
 * once. A handler's value is typed by the same contract, so the core's own observers (usage figures, the
 * hub's activity) need not parse every view again with zod on every "Weiter".
 */
const VIEW_METHODS: ReadonlySet<string> = new Set(
  Object.entries(api)
    .filter(([, { output }]) => {
      const schema = output as unknown;
      if (schema === SessionViewSchema) return true;
      const inner = (schema as { unwrap?: () => unknown }).unwrap?.();
      return inner === SessionViewSchema;
    })
    .map(([method]) => method),
);

/** The session view a call answered with, if its method answers with one and it succeeded. */
export function sessionViewOf(method: unknown, result: Result<unknown>): SessionView | undefined {
  if (!result.ok || !isApiMethod(method) || !VIEW_METHODS.has(method)) return undefined;
  const value = result.value as SessionView | null;
  return value ?? undefined;
}

/** Whether `method` answers with a session view (tests pin the set against the contract). */
export function answersWithView(method: string): boolean {
  return VIEW_METHODS.has(method);
}
