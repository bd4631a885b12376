import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiMethod, ApiResult, KioskBridge } from '../../contract';
import { addBootTexts, loadBasics } from '../../renderer/app/boot';
import { createServiceLoader, heldService, ServiceLoadError } from '../../renderer/i18n/load-service';
import { createI18n } from '../../renderer/i18n/setup';
import { openTestCore, removeDir, type TestCore } from '../fixtures/core-harness';

/**
 * The renderer's side of issue 15's summaries: the start screen has each service's summary texts only, and a
 * service's definition and the rest of its texts arrive when it is opened, once per language. Against a real
 * core (its dispatch is the bridge, as the HTTP and IPC transports call it).
 */

let kiosk: TestCore | undefined;
afterEach(() => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
});

function coreBridge(core: TestCore) {
  const calls: string[] = [];
  const bridge: KioskBridge = {
    call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> {
      calls.push(method === 'catalog.service' ? `${method} ${JSON.stringify(input)}` : method);
      return core.call(method, input);
    },
    onEvent: () => () => undefined,
  };
  return { bridge, calls };
}

describe('renderer: a service opened after boot', () => {
  it('boots with summary texts, then gets the definition and all texts once per language', async () => {
    kiosk = openTestCore();
    const { bridge, calls } = coreBridge(kiosk);
    const basics = (await loadBasics(bridge))!;
    expect(basics.opened).toEqual([]);
    const i18n = createI18n();
    addBootTexts(i18n, basics);
    const t = i18n.getFixedT('de', 'svc-test-move');
    expect(t('title')).toBe('Umzug (Test)');
    // A step's text is not on the boot path.
    expect(i18n.exists('steps.name.title', { ns: 'svc-test-move' })).toBe(false);

    const load = createServiceLoader(i18n, bridge);
    const [definition, again] = await Promise.all([load('test-move', 'de'), load('test-move', 'de')]);
    expect(again).toBe(definition);
    expect(definition.journey.steps[0]!.id).toBe('name');
    expect(t('steps.name.title')).toBe('Wie heißen Sie?');
    expect(t('title')).toBe('Umzug (Test)');
    expect(heldService(i18n, 'test-move', 'de')).toBe(definition);
    expect(heldService(i18n, 'test-move', 'en')).toBeUndefined();

    await load('test-move', 'en');
    await load('test-move', 'de');
    expect(i18n.getFixedT('en', 'svc-test-move')('title')).toBe('Move (test)');
    expect(calls.filter((call) => call.startsWith('catalog.service'))).toEqual([
      'catalog.service {"serviceId":"test-move","language":"de"}',
      'catalog.service {"serviceId":"test-move","language":"en"}',
    ]);
  });

  it('a session that survived comes back with its service in its language and in German', async () => {
    kiosk = openTestCore();
    await kiosk.value('session.start', { serviceId: 'test-move', language: 'en' });
    const { bridge } = coreBridge(kiosk);
    const basics = (await loadBasics(bridge))!;
    expect(basics.resumed).toMatchObject({ serviceId: 'test-move', language: 'en' });
    expect(basics.opened.map((opened) => [opened.definition.id, opened.language])).toEqual([
      ['test-move', 'en'],
      ['test-move', 'de'],
    ]);
    const i18n = createI18n();
    addBootTexts(i18n, basics);
    expect(heldService(i18n, 'test-move', 'en')?.id).toBe('test-move');
    expect(i18n.getFixedT('de', 'svc-test-move')('steps.name.title')).toBe('Wie heißen Sie?');
  });

  it('refuses a service the catalogue does not have, and asks again next time', async () => {
    kiosk = openTestCore();
    const { bridge, calls } = coreBridge(kiosk);
    const load = createServiceLoader(createI18n(), bridge);
    await expect(load('nicht-da', 'de')).rejects.toEqual(new ServiceLoadError('unknown_service'));
    await expect(load('nicht-da', 'de')).rejects.toBeInstanceOf(ServiceLoadError);
    expect(calls).toHaveLength(2);
  });
});
