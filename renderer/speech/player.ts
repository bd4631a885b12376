import type { LanguageCode, SpeechAudio, SpeechRate } from '../../contract';
import { splitSentences } from '../../contract/speech';
import { withoutIsolates } from '../i18n/bidi';
import type { Utterance } from './scripts';
import { decodeWav } from './wav';

export interface SentenceRequest {
  text: string;
  language: LanguageCode;
  rate: SpeechRate;
  personal: boolean;
}

/** Asks the core for one sentence's audio; null when it could not (the sentence is skipped). */
export type Synthesize = (request: SentenceRequest) => Promise<SpeechAudio | null>;

export interface PlayerState {
  status: 'idle' | 'loading' | 'playing';
  /** The sentence being spoken, for the caption; empty when idle. */
  sentence: string;
  /** Sentences started since the page loaded: a screen change or "Vorlesen" raises it. */
  plays: number;
}

/** The longest a sentence's decoding waits for an idle moment (a page that is never idle still speaks). */
const IDLE_TIMEOUT_MS = 50;

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 0);
  });
}

/** Enough for every screen of a few services; a decoded second of 22 kHz audio is about 88 kB. */
const CACHE_ENTRIES = 400;

/**
 * Plays a screen's prompts sentence by sentence with Web Audio: the first
 * sentence is asked for first and plays as soon as it arrives, while the next
 * one is made. Decoded sentences are kept (except the
 * resident's own data), so a screen seen again starts at once. Any new
 * speak() or stop() ends what is playing.
 */
export class SpeechPlayer {
  private context: AudioContext | undefined;
  private gain: GainNode | undefined;
  private volume = 1;
  private generation = 0;
  private stopCurrent: (() => void) | undefined;
  private readonly cache = new Map<string, AudioBuffer>();
  private readonly listeners = new Set<(state: PlayerState) => void>();
  private current: PlayerState = { status: 'idle', sentence: '', plays: 0 };
  /** Sentences decoded since the page loaded (tests: a stopped screen's audio is never decoded). */
  decodes = 0;

  constructor(private readonly synthesize: Synthesize) {}

  get state(): PlayerState {
    return this.current;
  }

  subscribe(listener: (state: PlayerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setVolume(volume: number): void {
    this.volume = volume;
    if (this.gain) this.gain.gain.value = volume;
  }

  stop(): void {
    this.generation += 1;
    this.stopCurrent?.();
    this.stopCurrent = undefined;
    if (this.current.status !== 'idle') this.update({ status: 'idle', sentence: '' });
  }

  /** Forgets every decoded sentence (the next resident hears nothing of the last one's). */
  clear(): void {
    this.cache.clear();
  }

  private sentencesOf(utterances: readonly Utterance[], language: LanguageCode, rate: SpeechRate): SentenceRequest[] {
    return utterances.flatMap((utterance) =>
      // The bidi isolates around numbers in right-to-left texts are for the eye only.
      splitSentences(withoutIsolates(utterance.text)).map((text) => ({
        text,
        language: utterance.language ?? language,
        rate,
        personal: utterance.personal === true,
      })),
    );
  }

  /**
   * Makes and keeps a script's audio without playing it, for a screen that may have to speak when
   * the core cannot make audio (the waiting screen while it is away). Gives way to any speak():
   * false when it did, and the rest is left unmade.
   */
  async prefetch(utterances: readonly Utterance[], language: LanguageCode, rate: SpeechRate): Promise<boolean> {
    for (const sentence of this.sentencesOf(utterances, language, rate)) {
      if (sentence.personal) continue;
      if (this.current.status !== 'idle') return false;
      if (!(await this.audioFor(sentence).catch(() => null))) return false;
    }
    return true;
  }

  async speak(utterances: readonly Utterance[], language: LanguageCode, rate: SpeechRate): Promise<void> {
    this.stop();
    const generation = this.generation;
    const sentences = this.sentencesOf(utterances, language, rate);
    if (sentences.length === 0) return;
    this.update({ status: 'loading', sentence: '' });

    // One sentence ahead: the next is asked for when this one starts playing. The core's single
    // synthesiser then stays free most of the time, so the next screen's first sentence never
    // waits behind the rest of this one, and a stop leaves the rest unasked.
    const buffers: Promise<AudioBuffer | null>[] = [];
    const prepare = (index: number) =>
      (buffers[index] ??=
        generation === this.generation
          ? this.audioFor(sentences[index]!, generation).catch(() => null)
          : Promise.resolve(null));
    for (let index = 0; index < sentences.length; index++) {
      const buffer = await prepare(index);
      if (generation !== this.generation) return;
      if (index + 1 < sentences.length) void prepare(index + 1);
      if (buffer) await this.play(buffer, sentences[index]!.text);
      if (generation !== this.generation) return;
    }
    this.update({ status: 'idle', sentence: '' });
  }

  /**
   * Made when the first sentence is ready to play, not when speech is asked for: making one takes
   * tens of milliseconds of the page's main thread, which at start-up would hold back the first
   * screen (the start screen asks for its welcome right after it is painted).
   */
  private audioContext(): AudioContext {
    if (!this.context) {
      this.context = new AudioContext();
      this.gain = this.context.createGain();
      this.gain.gain.value = this.volume;
      this.gain.connect(this.context.destination);
    }
    return this.context;
  }

  /** Without a generation (prefetch), the audio is kept whatever plays meanwhile. */
  private async audioFor(sentence: SentenceRequest, generation?: number): Promise<AudioBuffer | null> {
    const key = `${sentence.language}|${sentence.rate}|${sentence.text}`;
    const hit = sentence.personal ? undefined : this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const audio = await this.synthesize(sentence);
    // Decoded when the page's main thread is idle: audio arriving while the next question is being
    // shown (a quick resident) waits until that screen is painted instead of holding it back.
    if (audio) await whenIdle();
    // Stopped meanwhile (the resident moved on): not decoded, as nobody will hear it; the core keeps
    // its own cache, so asking again later costs little.
    if (!audio || (generation !== undefined && generation !== this.generation)) return null;
    this.decodes += 1;
    const wav = decodeWav(audio.wav);
    if (wav.samples.length === 0) return null;
    // A buffer needs no AudioContext: decoding goes on before there is one (see audioContext).
    const buffer = new AudioBuffer({ numberOfChannels: 1, length: wav.samples.length, sampleRate: wav.sampleRate });
    buffer.copyToChannel(wav.samples as Float32Array<ArrayBuffer>, 0);
    if (!sentence.personal) {
      this.cache.set(key, buffer);
      if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    }
    return buffer;
  }

  private play(buffer: AudioBuffer, text: string): Promise<void> {
    const context = this.audioContext();
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    return new Promise((resolve) => {
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(this.gain!);
      const finish = () => {
        source.onended = null;
        source.disconnect();
        resolve();
      };
      source.onended = finish;
      this.stopCurrent = () => {
        try {
          source.stop();
        } catch {
          // never started
        }
        finish();
      };
      source.start();
      this.update({ status: 'playing', sentence: text, plays: this.current.plays + 1 });
    });
  }

  private update(change: Partial<PlayerState>): void {
    this.current = { ...this.current, ...change };
    for (const listener of this.listeners) listener(this.current);
  }
}
