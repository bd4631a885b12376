/**
 * `perRun` items of `items`, moving on by `perRun` each day (UTC), so that every item is taken within
 * ceil(items / perRun) days of runs. npm test's samples use it; the full commands take everything.
 */
export function dailyRotation<T>(items: readonly T[], perRun: number): T[] {
  if (items.length === 0) return [];
  const day = testDay();
  const start = (day * perRun) % items.length;
  return Array.from({ length: Math.min(perRun, items.length) }, (_, at) => items[(start + at) % items.length]!);
}

/**
 * The day (UTC) the run started on, fixed once in the runner: workers inherit it through the environment, so a
 * run across midnight lists the same tests in every worker.
 */
export function testDay(): number {
  process.env.KIOSK_TEST_DAY ??= String(Math.floor(Date.now() / 86_400_000));
  return Number(process.env.KIOSK_TEST_DAY);
}
