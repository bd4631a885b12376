/** RFC 6901 JSON pointer from a path of keys/indices ([] → ""). */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Looks up a dotted i18next key ("steps.name.title") in a nested locale object. */
export function lookupTextKey(locale: unknown, key: string): unknown {
  let node: unknown = locale;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
