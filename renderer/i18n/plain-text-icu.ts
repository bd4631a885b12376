import ICU from 'i18next-icu';

/** What makes a text an ICU message: an argument or a plural ({…}), or quoting ('). */
const ICU_SYNTAX = /[{}']/;

type Parse = (res: unknown, ...rest: unknown[]) => unknown;

/**
 * i18next-icu, except that a text without ICU syntax is returned as it is. i18next-icu parses every
 * text into a message format on its first use, even a plain sentence; most of the start screen's
 * texts are plain, and parsing them cost tens of milliseconds of the first render on a terminal.
 * With `ignoreTag` (which i18next-icu sets) nothing else in a text is special, so the result is the same.
 */
export function plainTextIcu(): InstanceType<typeof ICU> {
  const icu = new ICU();
  const parse = (icu as unknown as { parse: Parse }).parse.bind(icu);
  (icu as unknown as { parse: Parse }).parse = (res, ...rest) =>
    typeof res === 'string' && !hasIcuSyntax(res) ? res : parse(res, ...rest);
  return icu;
}

export function hasIcuSyntax(text: string): boolean {
  return ICU_SYNTAX.test(text);
}
