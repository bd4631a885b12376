/**
 * A stand-in for rebuilding an addon for another ABI (which needs that runtime's headers from the
 * network): the copy registers itself for ABI `to`, as a build for it would. The code inside stays
 * Node's, so the copy is only for reading, never for loading.
 */
export function patchAbi(binary: Buffer, from: number, to: number): Buffer {
  const before = Buffer.from(`node_register_module_v${from}`, 'latin1');
  const after = Buffer.from(`node_register_module_v${to}`, 'latin1');
  if (before.length !== after.length) throw new Error('ABI numbers of different length cannot be patched in place');
  const copy = Buffer.from(binary);
  let at = copy.indexOf(before);
  if (at === -1) throw new Error(`no node_register_module_v${from} in the addon`);
  for (; at !== -1; at = copy.indexOf(before, at + after.length)) after.copy(copy, at);
  return copy;
}
