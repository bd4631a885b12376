import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_CODES,
  ok,
  type ApiInput,
  type ApiMethod,
  type ApiResult,
  type KioskBridge,
} from '../../contract';
import { createLanguageLoader, isLanguageReady } from '../../renderer/i18n/load-language';
import { createI18n } from '../../renderer/i18n/setup';

/** A bridge that answers catalog.translations only, and counts the calls. */
function fakeBridge() {
  const calls: string[] = [];
  const bridge: KioskBridge = {
    call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> {
      if (method !== 'catalog.translations') throw new Error(`unexpected ${method}`);
      const { language } = input as ApiInput<'catalog.translations'>;
      calls.push(language);
      const result = ok({ language, translations: { 'svc-test': { title: `title ${language}` } } });
      return Promise.resolve(result as ApiResult<M>);
    },
    onEvent: () => () => undefined,
  };
  return { bridge, calls };
}

describe('renderer languages', () => {
  it('start with German only', () => {
    const i18n = createI18n();
    expect(Object.keys(i18n.store.data)).toEqual([DEFAULT_LANGUAGE]);
    expect(i18n.t('language.nativeName')).toBe('Deutsch');
  });

  it.each(LANGUAGE_CODES.filter((code) => code !== DEFAULT_LANGUAGE))(
    '%s loads on demand: its UI texts and its service texts, once',
    async (language) => {
      const i18n = createI18n();
      const { bridge, calls } = fakeBridge();
      const load = createLanguageLoader(i18n, bridge);
      expect(isLanguageReady(i18n, language)).toBe(false);
      await Promise.all([load(language), load(language)]);
      expect(calls).toEqual([language]);
      expect(isLanguageReady(i18n, language)).toBe(true);
      await i18n.changeLanguage(language);
      expect(i18n.language).toBe(language);
      expect(i18n.t('start.title')).not.toBe(i18n.getFixedT('de')('start.title'));
      expect(i18n.t('title', { ns: 'svc-test' })).toBe(`title ${language}`);
      // Plurals go through ICU in the language itself.
      expect(i18n.t('idle.text', { seconds: 5 })).toContain('5');
    },
  );

  it('German needs no call, and a refused load is tried again', async () => {
    const i18n = createI18n();
    let refuse = true;
    const calls: string[] = [];
    const bridge: KioskBridge = {
      call: <M extends ApiMethod>(method: M, input: ApiInput<M>) => {
        calls.push(String((input as { language?: string }).language));
        return Promise.resolve(
          (refuse
            ? { ok: false, error: { code: 'internal' } }
            : ok({ language: 'tr', translations: {} })) as ApiResult<M>,
        );
      },
      onEvent: () => () => undefined,
    };
    const load = createLanguageLoader(i18n, bridge);
    await load('de');
    expect(calls).toEqual([]);
    await expect(load('tr')).rejects.toThrow(/internal/);
    refuse = false;
    await load('tr');
    expect(calls).toEqual(['tr', 'tr']);
    expect(isLanguageReady(i18n, 'tr')).toBe(true);
  });
});
