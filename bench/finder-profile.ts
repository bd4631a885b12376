import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { writeGeneratedServices } from '../tests/fixtures/generated-services';
import { SERVICES_DIR, START_SCRIPT } from '../tests/e2e/support/paths';
import { keyboardKey, onScreenKeyboard } from '../tests/e2e/support/onscreen-keyboard';
import { ui } from '../tests/e2e/support/service-data';
import { spawnKiosk, stopKiosk } from './kiosk-spawn';
import { ON_SCREEN_QUERIES, PHYSICAL_QUERIES, TERMINAL, fingerTap, nextSample, searchReady } from './finder-bench';

/**
 * `npm run bench -- --only finder-profile [--finder-profile <dir>]`: what runs in the page for each key
 * of the search over 200 generated services, from a Chrome trace (main thread only) taken while keys
 * are typed on both keyboards. Per key: the probe's phases (bench/finder-bench.ts), the Event Timing
 * entries of its events, the time the harness's own input call took to reach the page, and the trace's
 * main-thread work between the key's time stamp and its painted frame, by kind.
 */

/** The phases of one key in the page's clock (see installKeyProbe). */
interface KeyPhases {
  start: number;
  input: number;
  committed: number;
  frame: number;
  painted: number;
}

interface EventTimingEntry {
  name: string;
  startTime: number;
  processingStart: number;
  processingEnd: number;
  duration: number;
}

export interface KeyProfile {
  kind: 'physical' | 'onscreen';
  /** The key typed and its place in the query (0: the first letter). */
  char: string;
  position: number;
  /** ms from the key's time stamp to its painted frame (the bench's figure). */
  painted: number;
  /** ms from the harness's input call (Node's clock) to the same painted frame. */
  harness: number;
  /** From the harness's call to the key's time stamp: what the harness adds before the page sees it. */
  harnessBefore: number;
  /** Time stamp → the field's `input` event (keydown/tap → text in the field). */
  toInput: number;
  /** `input` → React's commit ended (the page's own script for the key). */
  script: number;
  /** Commit → the frame callback of the frame that shows the results. */
  toFrame: number;
  /** Frame callback → the task after it (style, layout, paint of that frame). */
  frameWork: number;
  /** Event Timing durations (to the next presented frame, 8 ms steps; only entries of 16 ms or more). */
  eventTiming: Record<string, number>;
  /** Main-thread trace time inside [time stamp, painted], by kind (ms). */
  trace: Record<string, number>;
}

/** Trace event names, sorted into what they are. Nested events count once per kind (their union). */
const KINDS: Record<string, string> = {
  EventDispatch: 'event handlers',
  FunctionCall: 'other script',
  TimerFire: 'other script',
  FireAnimationFrame: 'frame callbacks',
  RunMicrotasks: 'other script',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  CompositeLayers: 'paint',
  Commit: 'paint',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'V8.GC_MARK_COMPACTOR': 'gc',
  'V8.GC_MC_INCREMENTAL': 'gc',
  'BlinkGC.AtomicPhase': 'gc',
  ParseHTML: 'other script',
  'v8.compile': 'compile',
  'V8.CompileCode': 'compile',
  RunTask: 'busy (all tasks)',
  ThreadControllerImpl_RunTask: 'busy (all tasks)',
};

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

/** Sum of the union of intervals (ms). */
function unionLength(intervals: [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of sorted) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

/** The main thread's complete events, in the page's clock (ms), found by the sync mark. */
function mainThreadEvents(
  trace: { traceEvents: TraceEvent[] },
  markAt: number,
): { events: TraceEvent[]; offset: number } {
  const mark = trace.traceEvents.find((event) => event.name === 'finder-profile-sync');
  if (!mark) throw new Error('the trace has no finder-profile-sync mark');
  const offset = mark.ts / 1000 - markAt;
  const events = trace.traceEvents.filter(
    (event) => event.pid === mark.pid && event.tid === mark.tid && event.ph === 'X' && event.dur !== undefined,
  );
  return { events, offset };
}

function traceBreakdown(events: TraceEvent[], offset: number, from: number, to: number): Record<string, number> {
  const byKind = new Map<string, [number, number][]>();
  for (const event of events) {
    const start = event.ts / 1000 - offset;
    const end = start + event.dur! / 1000;
    if (end <= from || start >= to) continue;
    let kind = KINDS[event.name];
    if (!kind) continue;
    if (event.name === 'EventDispatch') kind = `event ${event.args?.data?.type ?? '?'}`;
    const list = byKind.get(kind) ?? [];
    list.push([Math.max(start, from), Math.min(end, to)]);
    byKind.set(kind, list);
  }
  return Object.fromEntries([...byKind].map(([kind, list]) => [kind, Math.round(unionLength(list) * 10) / 10]));
}

/** Event Timing entries (16 ms and more) collected from here on. */
function observeEventTiming(page: Page): Promise<void> {
  return page.evaluate(() => {
    const entries: EventTimingEntry[] = [];
    (window as unknown as { eventTimings: EventTimingEntry[] }).eventTimings = entries;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceEventTiming[]) {
        entries.push({
          name: entry.name,
          startTime: entry.startTime,
          processingStart: entry.processingStart,
          processingEnd: entry.processingEnd,
          duration: entry.duration,
        });
      }
    }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
  });
}

interface Typed {
  kind: KeyProfile['kind'];
  char: string;
  position: number;
  /** Node's clock when the input call began. */
  calledAt: number;
}

async function typeAll(page: Page, kind: KeyProfile['kind'], queries: readonly string[], typed: Typed[]) {
  const field = page.getByRole('searchbox', { name: ui('de', 'finder.searchLabel') });
  // The on-screen keys' centres, found before timing: the keyboard is fixed and never moves.
  const centres = new Map<string, { x: number; y: number }>();
  if (kind === 'onscreen') {
    // Focus by touch opens the keyboard: not the focus the physical keys left.
    await field.fill('');
    await field.blur();
    await field.tap();
    await onScreenKeyboard(page).waitFor();
    // That tap is not a key: it must not start a sample.
    await page.evaluate(() => ((window as unknown as { keyProbe: { start: number | null } }).keyProbe.start = null));
    for (const char of new Set(queries.join(''))) {
      const box = (await keyboardKey(page, char).boundingBox())!;
      centres.set(char, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    }
  }
  for (const query of queries) {
    await field.fill('');
    await field.focus();
    let position = 0;
    for (const char of query) {
      const calledAt = Date.now();
      if (kind === 'physical') await page.keyboard.press(char);
      else await fingerTap(page, centres.get(char)!);
      typed.push({ kind, char, position: position++, calledAt });
      await nextSample(page, typed.length - 1);
    }
  }
}

/** Types the queries on both keyboards under a trace and returns each key's profile. */
export async function profileKeys(browser: Browser, url: string, dir?: string): Promise<KeyProfile[]> {
  const context = await browser.newContext(TERMINAL);
  try {
    const page = await searchReady(context, url);
    await observeEventTiming(page);
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'v8.execute',
        'blink.user_timing',
        'toplevel',
      ],
    });
    const markAt = await page.evaluate(() => performance.mark('finder-profile-sync').startTime);
    const typed: Typed[] = [];
    // A JS sampling profile beside the trace: which functions the keys' script time is spent in.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await typeAll(page, 'physical', PHYSICAL_QUERIES, typed);
    await typeAll(page, 'onscreen', ON_SCREEN_QUERIES, typed);
    const { profile } = await cdp.send('Profiler.stop');
    if (dir) writeFileSync(join(dir, 'finder-keys.cpuprofile'), JSON.stringify(profile));
    const buffer = await browser.stopTracing();
    if (dir) writeFileSync(join(dir, 'finder-keys.trace.json'), buffer);
    const trace = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
    const { events, offset } = mainThreadEvents(trace, markAt);
    const { keys, timeOrigin, timings } = await page.evaluate(() => ({
      keys: (window as unknown as { keyProbe: { keys: KeyPhases[] } }).keyProbe.keys,
      // The page's clock in the wall clock Node reads (timeOrigin alone drifts from it on a long-lived page).
      timeOrigin: Date.now() - performance.now(),
      timings: (window as unknown as { eventTimings: EventTimingEntry[] }).eventTimings,
    }));
    return typed.map((key, at) => {
      const phases = keys[at]!;
      const eventTiming: Record<string, number> = {};
      for (const entry of timings) {
        if (entry.startTime >= phases.start - 0.5 && entry.startTime <= phases.input + 0.5)
          eventTiming[entry.name] = Math.max(eventTiming[entry.name] ?? 0, entry.duration);
      }
      return {
        kind: key.kind,
        char: key.char,
        position: key.position,
        painted: phases.painted - phases.start,
        harness: timeOrigin + phases.painted - key.calledAt,
        harnessBefore: timeOrigin + phases.start - key.calledAt,
        toInput: phases.input - phases.start,
        script: Math.max(0, phases.committed - phases.input),
        toFrame: phases.frame - Math.max(phases.committed, phases.input),
        frameWork: phases.painted - phases.frame,
        eventTiming,
        trace: traceBreakdown(events, offset, phases.start, phases.painted),
      };
    });
  } finally {
    await context.close();
  }
}

/** The large kiosk alone (200 generated services beside the shipped ones), profiled. */
export async function measureFinderProfile(
  browser: Browser,
  tmp: string,
  generated: number,
  dir?: string,
): Promise<KeyProfile[]> {
  const townDir = join(mkdtempSync(join(tmp, 'finder-town-')), 'services');
  writeGeneratedServices(townDir, SERVICES_DIR, generated);
  const kiosk = await spawnKiosk(START_SCRIPT, mkdtempSync(join(tmp, 'finder-data-')), 120_000, [
    '--services-dir',
    townDir,
  ]);
  try {
    const profile = await profileKeys(browser, kiosk.url, dir);
    if (dir) writeFileSync(join(dir, 'finder-keys.json'), `${JSON.stringify(profile, null, 1)}\n`);
    return profile;
  } finally {
    await stopKiosk(kiosk);
  }
}
