import type { SpeechRate } from '../../contract';

/** A finished utterance: a mono 16-bit PCM WAV file. */
export interface Wav {
  bytes: Uint8Array;
  sampleRate: number;
  durationMs: number;
}

/**
 * What the kiosk needs of a speech synthesiser. espeak-ng (WebAssembly, in a
 * worker thread) is the one shipped; OS voices on Windows or Piper models on
 * the terminal can be plugged in behind the same shape.
 */
export interface SpeechEngine {
  /** Names the engine and its version in cache keys: another engine never gets this one's audio. */
  readonly id: string;
  /** The engine's voice for a kiosk language, or undefined when it has none. */
  voiceFor(language: string): string | undefined;
  synthesize(text: string, voice: string, rate: SpeechRate): Promise<Wav>;
  /** Frees the engine (worker, memory); later calls fail. */
  close(): Promise<void>;
}
