import { createHash } from 'node:crypto';
import {
  fail,
  ok,
  SPEECH_RATES,
  type LanguageCode,
  type Result,
  type SpeechAudio,
  type SpeechRate,
} from '../../contract';
import { errorClass } from '../logging';
import type { Logger } from '../types';
import type { SpeechEngine } from './engine';
import { PromptCache } from './prompt-cache';

/** About 19 minutes of 22 kHz speech: every screen of every service, several times over. */
const DEFAULT_CACHE_BYTES = 48 * 1024 * 1024;
/** Numbers exist in every voice; nothing a resident said. */
const WARM_UP_TEXT = '1, 2, 3. 10 20.';

export interface SpeechRequest {
  text: string;
  language: LanguageCode;
  rate: SpeechRate;
  personal?: boolean;
}

export interface SpeechServiceOptions {
  /** Loads the engine; called once, on the first prompt or by warmUp(). */
  loadEngine: () => Promise<SpeechEngine>;
  logger: Logger;
  cacheBytes?: number;
}

export interface SpeechService {
  synthesize(request: SpeechRequest): Promise<Result<SpeechAudio>>;
  /**
   * Loads the engine and says a few numbers to itself in each language's voice (loading that
   * voice's dictionary and compiling the synthesiser's code paths), so the first real prompt in
   * any language is quick. Nothing is cached or logged but the outcome.
   */
  warmUp(languages: readonly LanguageCode[]): Promise<void>;
  close(): Promise<void>;
}

type CachedPrompt = SpeechAudio & { size: number };

/**
 * Prompts for the renderer: the engine loads on first use (never before the
 * first screen), finished prompts are kept in an in-memory LRU keyed by
 * engine, voice, rate and a hash of the text, and a prompt asked for twice at
 * once is made once. The resident's own data (`personal`) is never cached.
 * Spoken text is never logged: log lines carry only the language and sizes.
 */
/**
 * Quotation marks carry nothing a listener needs, and some voices say them aloud: espeak-ng's
 * Ukrainian reads «Змінити» as "open quotes, Змінити, close quotes", three seconds longer.
 */
export function withoutQuotationMarks(text: string): string {
  return text.replace(/["«»„“”‹›]/g, ''); // not ’: Ukrainian writes it inside words (п’ятниця)
}

export function createSpeechService(options: SpeechServiceOptions): SpeechService {
  const cache = new PromptCache<CachedPrompt>(options.cacheBytes ?? DEFAULT_CACHE_BYTES);
  const inFlight = new Map<string, Promise<CachedPrompt>>();
  let engine: Promise<SpeechEngine> | undefined;
  let closed = false;
  /** Prompts being made for the renderer: the warm-up gives way to them. */
  let active = 0;

  function loadEngine(): Promise<SpeechEngine> {
    engine ??= options.loadEngine().then(
      (loaded) => {
        options.logger.info('speech.engine_loaded', { engine: loaded.id });
        return loaded;
      },
      (error: unknown) => {
        engine = undefined; // the next prompt tries again
        throw error;
      },
    );
    return engine;
  }

  async function make(loaded: SpeechEngine, voice: string, request: SpeechRequest): Promise<CachedPrompt> {
    const made = await loaded.synthesize(withoutQuotationMarks(request.text), voice, request.rate);
    // A copy of exactly its bytes: a view into a larger buffer would carry all of it over IPC.
    const wav = new Uint8Array(made.bytes);
    return { wav, durationMs: Math.round(made.durationMs), cached: false, size: wav.byteLength };
  }

  async function synthesizeNow(request: SpeechRequest): Promise<Result<SpeechAudio>> {
    let loaded: SpeechEngine;
    try {
      loaded = await loadEngine();
    } catch (error) {
      options.logger.error('speech.engine_failed', { errorClass: errorClass(error) });
      return fail('internal', { detail: 'speech engine unavailable' });
    }
    const voice = loaded.voiceFor(request.language);
    if (voice === undefined) return fail('invalid_input', { detail: 'no voice for this language' });
    try {
      if (request.personal) {
        const { size: _size, ...audio } = await make(loaded, voice, request);
        return ok(audio);
      }
      const hash = createHash('sha256').update(request.text).digest('base64url');
      const key = `${loaded.id}|${voice}|${request.rate}|${hash}`;
      const hit = cache.get(key);
      if (hit) {
        const { size: _size, ...audio } = hit;
        return ok({ ...audio, cached: true });
      }
      let pending = inFlight.get(key);
      if (!pending) {
        pending = make(loaded, voice, request).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      const made = await pending;
      cache.set(key, made);
      const { size: _size, ...audio } = made;
      return ok(audio);
    } catch (error) {
      options.logger.error('speech.synthesis_failed', {
        errorClass: errorClass(error),
        language: request.language,
        length: request.text.length,
      });
      return fail('internal', { detail: 'speech synthesis failed' });
    }
  }

  return {
    async synthesize(request) {
      if (closed) return fail('internal', { detail: 'speech is closed' });
      active += 1;
      try {
        return await synthesizeNow(request);
      } finally {
        active -= 1;
      }
    },
    async warmUp(languages) {
      if (closed) return;
      try {
        const loaded = await loadEngine();
        // Each voice once, then the first language at every rate, longer: WebAssembly is compiled in
        // tiers, and a few rounds get the hot paths to the optimised tier.
        const rounds = [
          ...languages.map((language) => ({ language, rate: 'normal' as SpeechRate, text: WARM_UP_TEXT })),
          ...SPEECH_RATES.map((rate) => ({ language: languages[0], rate, text: WARM_UP_TEXT.repeat(3) })),
        ];
        for (const round of rounds) {
          // A resident's prompt goes first: at most one warm-up phrase is ever ahead of it.
          if (closed || active > 0 || round.language === undefined) return;
          const voice = loaded.voiceFor(round.language);
          if (voice !== undefined) await loaded.synthesize(round.text, voice, round.rate);
        }
      } catch (error) {
        options.logger.warn('speech.warm_up_failed', { errorClass: errorClass(error) });
      }
    },
    async close() {
      closed = true;
      cache.clear();
      const loading = engine;
      engine = undefined;
      if (loading) await loading.then((loaded) => loaded.close()).catch(() => undefined);
    },
  };
}
