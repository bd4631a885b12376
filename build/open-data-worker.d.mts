import type { Plugin } from 'esbuild';

export const OPEN_DATA_WORKER_MODULE: string;
export function bundleOpenDataWorker(root: string): Promise<string>;
export function openDataWorkerPlugin(root: string): Plugin;
