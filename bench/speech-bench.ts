import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { LANGUAGES, SPEECH_RATES } from '../contract';
import { splitSentences } from '../contract/speech';
import { openKioskCore } from '../core/kiosk-core';
import { createMemoryLogger } from '../core/logging';
import { allScreens, translator } from '../tests/fixtures/speech-screens';
import { ui, type LoadedService } from '../tests/e2e/support/service-data';
import { currentStep, fillStep, heading, openService } from './bench-journey';
import { spawnKiosk, stopKiosk } from './kiosk-spawn';
import { percentile } from './stats';

/**
 * Screen change → first audio sample. The kiosk speaks a screen sentence by
 * sentence and starts playing the first as soon as it has it, so the wait is
 * the first sentence's: measured here as the core path (the speech.synthesize
 * call through dispatch until the WAV bytes are back), uncached (each screen's
 * first sentence, in every language and rate, once) and cached (the same again),
 * and in the browser (h1 changed → the speech bar reports a sentence playing).
 */

export interface SpeechFigures {
  engineLoadMs: number;
  uncached: number[];
  cached: number[];
  anySentence: number[];
}

export async function measureSpeechCore(tmp: string, resourcesDir: string): Promise<SpeechFigures> {
  const open = (warmUpAfterMs: number | null) =>
    openKioskCore({
      dataDir: mkdtempSync(join(tmp, 'speech-')),
      resourcesDir,
      mode: 'browser',
      logger: createMemoryLogger(),
      speech: { warmUpAfterMs },
    });
  const timed = async (core: ReturnType<typeof open>, input: { text: string; language: string; rate: string }) => {
    const start = performance.now();
    const result = await core.dispatch('speech.synthesize', input);
    const ms = performance.now() - start;
    if (!result.ok) throw new Error(`speech.synthesize failed: ${result.error.code}`);
    return ms;
  };

  // A prompt before the engine was loaded at all: loading, compiling, the first sentence.
  const cold = open(null);
  let engineLoadMs: number;
  try {
    engineLoadMs = await timed(cold, { text: 'Willkommen im Bürgerservice', language: 'de', rate: 'normal' });
  } finally {
    cold.close();
  }

  // As on a kiosk that has been up a few seconds: the engine loaded and warmed up.
  const core = open(0);
  try {
    await new Promise((resolve) => setTimeout(resolve, 8000));
    const firsts: { text: string; language: string; rate: string }[] = [];
    const rest: { text: string; language: string; rate: string }[] = [];
    for (const { code } of LANGUAGES) {
      const screens = allScreens(translator(code), code, false, false);
      for (const rate of SPEECH_RATES) {
        for (const script of Object.values(screens)) {
          const sentences = script.flatMap((utterance) => splitSentences(utterance.text));
          if (sentences[0]) firsts.push({ text: sentences[0], language: code, rate });
          if (rate === 'normal') for (const text of sentences.slice(1)) rest.push({ text, language: code, rate });
        }
      }
    }
    const seen = new Set<string>();
    const unique = (items: typeof firsts) =>
      items.filter((item) => {
        const key = `${item.language}|${item.rate}|${item.text}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    const uniqueFirsts = unique(firsts);
    const uncached: number[] = [];
    for (const input of uniqueFirsts) uncached.push(await timed(core, input));
    const cached: number[] = [];
    for (const input of uniqueFirsts) cached.push(await timed(core, input));
    const anySentence: number[] = [];
    for (const input of unique(rest)) anySentence.push(await timed(core, input));
    return { engineLoadMs, uncached, cached, anySentence };
  } finally {
    core.close();
  }
}

/** Clicks `name` and resolves with the time from the h1 changing until the speech bar reports playback. */
function timedSpeech(page: Page, name: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const before = document.querySelector('h1')?.textContent;
        const bar = document.querySelector('[data-speech-plays]');
        const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === name);
        if (!button || !bar) return reject(new Error(`no button ${name} or no speech bar`));
        const timeout = setTimeout(() => reject(new Error('no speech within 10 s')), 10_000);
        let changedAt = 0;
        let plays = Number(bar.getAttribute('data-speech-plays'));
        const observer = new MutationObserver(() => {
          const heading = document.querySelector('h1');
          const currentBar = document.querySelector('[data-speech-plays]');
          if (!changedAt) {
            if (!heading || heading.textContent === before) return;
            changedAt = performance.now();
            plays = Number(currentBar?.getAttribute('data-speech-plays'));
          }
          if (currentBar && Number(currentBar.getAttribute('data-speech-plays')) > plays) {
            observer.disconnect();
            clearTimeout(timeout);
            resolve(performance.now() - changedAt);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        button.click();
      }),
    name,
  );
}

/**
 * In the browser: through a service's questions (every screen new: uncached), then back and
 * forward through the same screens (the renderer's cache: cached).
 */
export async function measureSpeechBrowser(
  browser: Browser,
  startScript: string,
  tmp: string,
  services: LoadedService[],
  rounds: number,
): Promise<{ uncached: number[]; cached: number[] }> {
  const uncached: number[] = [];
  const cached: number[] = [];
  const next = ui('de', 'nav.continue');
  const back = ui('de', 'nav.back');
  const checkTitle = ui('de', 'check.title');
  for (const service of services) {
    const kiosk = await spawnKiosk(startScript, mkdtempSync(join(tmp, 'speech-browser-')));
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    try {
      await openService(page, kiosk.url, service);
      // As on a kiosk that has been waiting for a resident: the engine loaded (the first screen is
      // speaking) and warmed up (a few seconds after start-up).
      await page.waitForFunction(
        () => Number(document.querySelector('[data-speech-plays]')?.getAttribute('data-speech-plays')) > 0,
        null,
        { timeout: 60_000 },
      );
      await page.waitForTimeout(8000);
      const firstTitle = await heading(page);
      for (let guard = 0; guard < 45; guard++) {
        if ((await heading(page)) === checkTitle) break;
        const step = await currentStep(page, service);
        if (!step) throw new Error('left the journey');
        await fillStep(page, service, step);
        uncached.push(await timedSpeech(page, next));
      }
      for (let round = 0; round < rounds; round++) {
        for (let guard = 0; guard < 45 && (await heading(page)) !== firstTitle; guard++) {
          cached.push(await timedSpeech(page, back));
        }
        for (let guard = 0; guard < 45 && (await heading(page)) !== checkTitle; guard++) {
          cached.push(await timedSpeech(page, next));
        }
      }
    } finally {
      await context.close();
      await stopKiosk(kiosk);
    }
  }
  return { uncached, cached };
}

export function speechRows(core: SpeechFigures, browser: { uncached: number[]; cached: number[] } | null) {
  const p95 = (samples: number[]) => percentile(samples, 95);
  const rows = [
    { name: 'speech_first_prompt_before_engine_loaded', value: core.engineLoadMs, unit: 'ms', target: null },
    { name: 'speech_first_audio_core_uncached_p50', value: percentile(core.uncached, 50), unit: 'ms', target: null },
    {
      name: 'speech_first_audio_core_uncached_p95',
      value: p95(core.uncached),
      unit: 'ms',
      target: '<= 250',
      pass: p95(core.uncached) <= 250,
    },
    { name: 'speech_first_audio_core_cached_p50', value: percentile(core.cached, 50), unit: 'ms', target: null },
    {
      name: 'speech_first_audio_core_cached_p95',
      value: p95(core.cached),
      unit: 'ms',
      target: '<= 50',
      pass: p95(core.cached) <= 50,
    },
    { name: 'speech_first_audio_core_count', value: core.uncached.length, unit: 'screens', target: null },
    { name: 'speech_any_sentence_core_p95', value: p95(core.anySentence), unit: 'ms', target: null },
  ];
  if (browser) {
    rows.push(
      {
        name: 'speech_first_audio_browser_uncached_p50',
        value: percentile(browser.uncached, 50),
        unit: 'ms',
        target: null,
      },
      {
        name: 'speech_first_audio_browser_uncached_p95',
        value: p95(browser.uncached),
        unit: 'ms',
        target: '<= 250',
        pass: p95(browser.uncached) <= 250,
      },
      {
        name: 'speech_first_audio_browser_cached_p50',
        value: percentile(browser.cached, 50),
        unit: 'ms',
        target: null,
      },
      {
        name: 'speech_first_audio_browser_cached_p95',
        value: p95(browser.cached),
        unit: 'ms',
        target: '<= 50',
        pass: p95(browser.cached) <= 50,
      },
      { name: 'speech_first_audio_browser_count', value: browser.uncached.length, unit: 'screens', target: null },
    );
  }
  return rows;
}
