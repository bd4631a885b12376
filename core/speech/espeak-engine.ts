import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SpeechRate } from '../../contract';
import type { SpeechEngine, Wav } from './engine';
import { ESPEAK_VOICES, ESPEAK_WORDS_PER_MINUTE } from './voices';
import { encodeWav } from './wav';

const PACKAGE = '@echogarden/espeak-ng-emscripten';
const PACKAGE_VERSION = '0.3.5';
/** Linux nice value of the synthesis thread (0 normal, 19 lowest): low enough to yield, not so low it starves. */
export const SYNTHESIS_NICENESS = 10;

/**
 * The worker's code. It is plain JavaScript in a string, so it runs the same
 * from the TypeScript sources (tests), the ESM bundle and the CommonJS Electron
 * bundle, with no file of its own to locate. It loads the WebAssembly module
 * (about 24 MB of voice data) once and answers one request at a time.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// Synthesis yields the CPU to the resident's taps: on Linux this thread (not the process) gets a
// lower priority, so on a two-core terminal a prompt being made never delays an answer's commit or
// the next screen. Elsewhere it keeps the normal priority.
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) require('node:os').setPriority(tid, workerData.niceness);
} catch {}
const ready = import(workerData.moduleUrl).then(async ({ default: createModule }) => {
  const espeak = await createModule();
  return new espeak.eSpeakNGWorker();
});
let queue = Promise.resolve();
parentPort.on('message', (request) => {
  queue = queue.then(async () => {
    try {
      const synth = await ready;
      if (request.text === undefined) return parentPort.postMessage({ id: request.id, ok: true, samples: null });
      synth.set_voice(request.voice);
      synth.set_rate(request.wpm);
      const chunks = [];
      let length = 0;
      synth.synthesize(request.text, (samples) => {
        if (samples && samples.length) {
          chunks.push(samples);
          length += samples.length;
        }
        return 0;
      });
      const all = new Int16Array(length);
      let offset = 0;
      for (const chunk of chunks) {
        all.set(chunk, offset);
        offset += chunk.length;
      }
      parentPort.postMessage({ id: request.id, ok: true, samples: all, sampleRate: synth.get_samplerate() }, [all.buffer]);
    } catch (error) {
      parentPort.postMessage({ id: request.id, ok: false, message: String(error && error.name) });
    }
  });
});
`;

interface WorkerReply {
  id: number;
  ok: boolean;
  samples?: Int16Array | null;
  sampleRate?: number;
  message?: string;
}

/** Where the package's module file is, as a file: URL (resolved from this file, in source and in bundles). */
function espeakModuleUrl(): string {
  return pathToFileURL(unpackedPath(createRequire(import.meta.url).resolve(PACKAGE))).href;
}

/**
 * In the packaged Electron app the package resolves into app.asar, but it is kept unpacked
 * beside it (build/electron-builder.yml, asarUnpack): the worker's import() and the module's
 * own reading of its voice data need real files. Elsewhere the path is left as it is.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/**
 * espeak-ng in a worker thread: synthesis never blocks the core's event loop
 * (answers and keep-alives go on while a prompt is made), and a second core
 * can run it beside the kiosk's own work.
 */
export async function createEspeakEngine(): Promise<SpeechEngine> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { moduleUrl: espeakModuleUrl(), niceness: SYNTHESIS_NICENESS },
  });
  worker.unref();
  const pending = new Map<number, { resolve(reply: WorkerReply): void; reject(error: Error): void }>();
  let nextId = 1;
  let failure: Error | undefined;
  worker.on('message', (reply: WorkerReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    waiting?.resolve(reply);
  });
  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiting of pending.values()) waiting.reject(failure);
    pending.clear();
  };
  worker.on('error', (error) => failAll(new Error(`speech worker failed: ${error.name}`)));
  worker.on('exit', () => failAll(new Error('speech worker exited')));

  function request(message: Record<string, unknown>): Promise<WorkerReply> {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  }

  // Loaded (and its code compiled) before the first prompt is asked for.
  const loaded = await request({});
  if (!loaded.ok) throw new Error(`speech engine failed to load: ${loaded.message ?? 'unknown'}`);

  return {
    id: `espeak-ng@${PACKAGE_VERSION}`,
    voiceFor: (language) => ESPEAK_VOICES[language],
    async synthesize(text: string, voice: string, rate: SpeechRate): Promise<Wav> {
      const reply = await request({ text, voice, wpm: ESPEAK_WORDS_PER_MINUTE[rate] });
      if (!reply.ok || !reply.samples || !reply.sampleRate) {
        throw new Error(`speech synthesis failed: ${reply.message ?? 'no audio'}`);
      }
      return {
        bytes: encodeWav(reply.samples, reply.sampleRate),
        sampleRate: reply.sampleRate,
        durationMs: (reply.samples.length / reply.sampleRate) * 1000,
      };
    },
    async close() {
      failAll(new Error('speech engine closed'));
      await worker.terminate();
    },
  };
}
