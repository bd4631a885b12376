import type { CDPSession } from '@playwright/test';

/**
 * The renderer's heap by kind, from a DevTools heap snapshot (issue 19). Over the first dozens of sessions
 * the JS heap keeps growing by the machine code V8 compiles as more of the same functions get hot (its
 * "code" nodes: InstructionStream, deoptimisation data), which levels off; what ended sessions would leave
 * behind (listeners, caches, views, DOM) is in the rest, the objects.
 */
export interface HeapKinds {
  /** Compiled code: bytecode, baseline and optimised machine code and their metadata. */
  codeBytes: number;
  /** Everything else the snapshot holds: objects, strings, closures, arrays, DOM wrappers. */
  objectBytes: number;
  /** Functions known to V8 (SharedFunctionInfo): grows only when new code is loaded or evaluated. */
  functions: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export function heapKinds(snapshot: Snapshot): HeapKinds {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const type = fields.indexOf('type');
  const name = fields.indexOf('name');
  const size = fields.indexOf('self_size');
  const kinds: HeapKinds = { codeBytes: 0, objectBytes: 0, functions: 0 };
  for (let at = 0; at < snapshot.nodes.length; at += width) {
    const kind = types[snapshot.nodes[at + type]!];
    const bytes = snapshot.nodes[at + size]!;
    if (kind === 'native') continue; // Blink's own heap, not the JS heap the figure is about
    if (kind === 'code') {
      kinds.codeBytes += bytes;
      if (snapshot.strings[snapshot.nodes[at + name]!] === 'system / SharedFunctionInfo') kinds.functions += 1;
    } else {
      kinds.objectBytes += bytes;
    }
  }
  return kinds;
}

/** Takes a snapshot after the caller's garbage collection and sorts it by kind. */
export async function snapshotHeapKinds(cdp: CDPSession): Promise<HeapKinds> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return heapKinds(JSON.parse(chunks.join('')) as Snapshot);
}
