import { writeFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from '@playwright/test';
import type { Step } from '../contract';
import type { LoadedService } from '../tests/e2e/support/service-data';
import type { Row } from './bench-context';
import { percentile } from './stats';
import type { StepTarget } from './steps-page';
import {
  KIOSK_TARGET,
  kioskBackToFirst,
  kioskFirstPass,
  openSurvey,
  serveSurvey,
  SURVEY_TARGET,
  VIEWPORT,
} from './steps-bench';
import { ROOT } from '../tests/e2e/support/paths';
import { endSession } from './steps-memory';

/**
 * `npm run bench -- --only steps --profile <trace.json>`: where a kiosk step's time goes (issue 19).
 * Over `count` "Weiter" on the Meldebescheinigung, twice (the kiosk as it is, then with every
 * speech.synthesize answered "no audio", so that no synthesis or decoding happens in the page):
 * the page's own phases per step (click → answer sent → the core's reply → heading in the DOM →
 * painted), and from a Chromium trace (DevTools protocol) the renderer main thread's self time by
 * kind of work inside the steps. The core's own share (validation, commit with fsync) is the
 * `answer_call` and `autosave_commit` rows of the autosave section.
 */

interface Phases {
  beforeSendMs: number;
  roundTripMs: number;
  renderMs: number;
  paintMs: number;
}

/** Wraps the page's WebSocket: the time of every session.answer sent and of its reply. */
const SOCKET_PROBE = `(() => {
  const marks = (window.__benchSocket = []);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        try {
          const frame = JSON.parse(String(event.data));
          if (typeof frame.reply === 'number') marks.push({ kind: 'reply', id: frame.reply, at: performance.now() });
        } catch {}
      });
    }
    send(text) {
      try {
        const frame = JSON.parse(String(text));
        if (frame.method === 'session.answer') marks.push({ kind: 'send', id: frame.call, at: performance.now() });
      } catch {}
      return super.send(text);
    }
  };
})();`;

/** One step with its phases; on SurveyJS's page (no socket) only the DOM and painted phases mean anything. */
function profiledStep(page: Page, target: StepTarget): Promise<Phases> {
  return page.evaluate(
    ({ heading: headingSelector, buttonText, buttonSelector }) =>
      new Promise<Phases>((resolve, reject) => {
        const marks =
          (window as unknown as { __benchSocket?: { kind: string; id: number; at: number }[] }).__benchSocket ?? [];
        const from = marks.length;
        const before = document.querySelector(headingSelector)?.textContent;
        const button = buttonSelector
          ? document.querySelector<HTMLElement>(buttonSelector)
          : Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === buttonText);
        if (!button) return reject(new Error('no button'));
        let start = 0;
        const observer = new MutationObserver(() => {
          const heading = document.querySelector(headingSelector);
          if (!heading || heading.textContent === before) return;
          const dom = performance.now();
          performance.mark('bench-step-dom');
          observer.disconnect();
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const painted = performance.now();
              performance.mark('bench-step-painted');
              const sent = marks.slice(from).find((mark) => mark.kind === 'send');
              const reply = sent && marks.find((mark) => mark.kind === 'reply' && mark.id === sent.id);
              resolve({
                beforeSendMs: (sent?.at ?? start) - start,
                roundTripMs: sent && reply ? reply.at - sent.at : Number.NaN,
                renderMs: dom - (reply?.at ?? start),
                paintMs: painted - dom,
              });
            }),
          );
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        performance.mark('bench-step-start');
        start = performance.now();
        button.click();
      }),
    target,
  );
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** What a trace event's self time counts as. */
function bucketOf(name: string): string {
  if (/GC|Sweep|Marking|Scavenge/i.test(name)) return 'gc';
  if (name === 'UpdateLayoutTree' || name === 'RecalculateStyles' || name === 'ParseAuthorStyleSheet') return 'style';
  if (
    name === 'Layout' ||
    name === 'UpdateLayerTree' ||
    name === 'IntersectionObserverController::computeIntersections'
  )
    return 'layout';
  if (/^(Paint|PrePaint|Layerize|Commit|CompositeLayers|PaintImage|RasterTask|UpdateLayer)$/.test(name)) return 'paint';
  if (/HitTest/.test(name)) return 'layout';
  // Blink's own names for the same work inside a frame or a forced layout (focus(), scrolling).
  if (/recalcStyle|updateStyle|rebuildLayoutTree|UpdateStyleAndLayout/i.test(name)) return 'style';
  if (/performLayout|ShapeText|^Blink\.ForcedStyleAndLayout/.test(name)) return 'layout';
  if (/CullRectUpdate|PrePaint|^Blink\.(Paint|CompositingInputs)|^ProxyMain::BeginMainFrame::commit$/.test(name))
    return 'paint';
  if (name === 'ThreadControllerImpl::RunTask' || name === 'RunTask' || name === 'ThreadPool_RunTask') return 'task';
  return 'script';
}

/** Self time of the renderer main thread's complete events inside the step windows, by bucket, per step. */
export function summariseTrace(events: TraceEvent[], steps: number): Record<string, number> {
  const thread = events.find(
    (event) =>
      event.name === 'thread_name' &&
      event.args?.name === 'CrRendererMain' &&
      events.some((other) => other.pid === event.pid && other.name === 'bench-step-start'),
  );
  if (!thread) return {};
  const main = events
    .filter((event) => event.pid === thread.pid && event.tid === thread.tid && event.ph === 'X' && event.dur)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const starts = events.filter((e) => e.pid === thread.pid && e.name === 'bench-step-start').map((e) => e.ts);
  const ends = events.filter((e) => e.pid === thread.pid && e.name === 'bench-step-painted').map((e) => e.ts);
  const windows = starts.map((start) => [start, ends.find((end) => end > start) ?? start] as const);
  const inWindow = (ts: number) => windows.some(([start, end]) => ts >= start && ts <= end);
  const totals: Record<string, number> = {};
  const stack: { end: number; bucket: string; self: number; ts: number }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && stack.at(-1)!.end <= until) {
      const done = stack.pop()!;
      if (inWindow(done.ts)) totals[done.bucket] = (totals[done.bucket] ?? 0) + done.self;
    }
  };
  for (const event of main) {
    close(event.ts);
    const parent = stack.at(-1);
    if (parent) parent.self -= event.dur!;
    stack.push({ end: event.ts + event.dur!, bucket: bucketOf(event.name), self: event.dur!, ts: event.ts });
  }
  close(Number.POSITIVE_INFINITY);
  let windowTotal = 0;
  for (const [start, end] of windows) windowTotal += end - start;
  const perStep: Record<string, number> = {};
  for (const [bucket, micros] of Object.entries(totals)) perStep[bucket] = micros / 1000 / steps;
  perStep.window = windowTotal / 1000 / steps;
  return perStep;
}

async function traced<T>(cdp: CDPSession, file: string | undefined, run: () => Promise<T>) {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    categories:
      'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,v8,v8.execute,toplevel,blink,cc,gpu,__metadata',
    transferMode: 'ReportEvents',
  });
  const result = await run();
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await complete;
  if (file) writeFileSync(file, JSON.stringify({ traceEvents: events }));
  return { result, events };
}

/** The phases and the trace, with the kiosk's speech as it is and with speech answered "no audio". */
export async function profileSteps(
  browser: Browser,
  url: string,
  service: LoadedService,
  count: number,
  traceFile: string | undefined,
): Promise<Row[]> {
  const rows: Row[] = [];
  let journey: Step[] = [];
  for (const speech of [true, false]) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.addInitScript(SOCKET_PROBE);
    if (!speech)
      await page.route('**/api/call/speech.synthesize', (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ ok: false, error: { code: 'bench.silent', message: 'no audio' } }),
        }),
      );
    const { steps, firstTitle } = await kioskFirstPass(page, url, service);
    journey = steps;
    const cdp = await context.newCDPSession(page);
    await startProfiler(cdp);
    const { result: phases, events } = await traced(cdp, speech ? traceFile : undefined, async () => {
      const samples: Phases[] = [];
      while (samples.length < count) {
        for (let index = 0; index + 1 < steps.length && samples.length < count; index++)
          samples.push(await profiledStep(page, KIOSK_TARGET));
        await kioskBackToFirst(page, firstTitle, steps.length);
      }
      return samples;
    });
    const { profile } = await cdp.send('Profiler.stop');
    if (traceFile)
      writeFileSync(
        traceFile.replace(/(\.json)?$/, speech ? '.cpuprofile' : '-silent.cpuprofile'),
        JSON.stringify(profile),
      );
    // The next run starts a session of its own: the kiosk would resume this one.
    await endSession(page);
    await context.close();
    const label = speech ? 'profile' : 'profile_silent';
    const p50 = (key: keyof Phases) =>
      percentile(
        phases.map((phase) => phase[key]).filter((value) => !Number.isNaN(value)),
        50,
      );
    rows.push(
      { name: `${label}_click_to_send_p50`, value: p50('beforeSendMs'), unit: 'ms', target: null },
      { name: `${label}_send_to_reply_p50`, value: p50('roundTripMs'), unit: 'ms', target: null },
      { name: `${label}_reply_to_dom_p50`, value: p50('renderMs'), unit: 'ms', target: null },
      { name: `${label}_dom_to_painted_p50`, value: p50('paintMs'), unit: 'ms', target: null },
    );
    for (const [bucket, ms] of Object.entries(summariseTrace(events, phases.length)))
      rows.push({ name: `${label}_trace_${bucket}_per_step`, value: ms, unit: 'ms', target: null });
  }
  rows.push(...(await profileSurvey(browser, service, journey, count)));
  return rows;
}

async function startProfiler(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

/**
 * SurveyJS's steps on the same journey, traced and profiled the same way right after the kiosk's (the
 * profiler's own cost is in both): its click → DOM (no transport, no commit), DOM → painted, and the main
 * thread's split.
 */
async function profileSurvey(browser: Browser, service: LoadedService, steps: Step[], count: number): Promise<Row[]> {
  const survey = await serveSurvey(ROOT, service, steps);
  try {
    const page = await openSurvey(browser, survey.url);
    const cdp = await page.context().newCDPSession(page);
    await startProfiler(cdp);
    const { result: phases, events } = await traced(cdp, undefined, async () => {
      const samples: Phases[] = [];
      while (samples.length < count) {
        for (let index = 0; index + 1 < steps.length && samples.length < count; index++)
          samples.push(await profiledStep(page, SURVEY_TARGET));
        await page.evaluate(() => {
          window.benchSurvey!.currentPageNo = 0;
        });
        await page.waitForFunction(() => window.benchSurvey!.currentPageNo === 0);
      }
      return samples;
    });
    await cdp.send('Profiler.stop');
    await page.context().close();
    const p50 = (key: keyof Phases) =>
      percentile(
        phases.map((phase) => phase[key]),
        50,
      );
    const rows: Row[] = [
      // No reply on this page: its "render" phase runs from the click.
      { name: 'profile_surveyjs_click_to_dom_p50', value: p50('renderMs'), unit: 'ms', target: null },
      { name: 'profile_surveyjs_dom_to_painted_p50', value: p50('paintMs'), unit: 'ms', target: null },
    ];
    for (const [bucket, ms] of Object.entries(summariseTrace(events, phases.length)))
      rows.push({ name: `profile_surveyjs_trace_${bucket}_per_step`, value: ms, unit: 'ms', target: null });
    return rows;
  } finally {
    await survey.close();
  }
}
