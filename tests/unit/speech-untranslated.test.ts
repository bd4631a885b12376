import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { introScript } from '../../renderer/speech/scripts';
import { services, translator } from '../fixtures/speech-screens';

/** A service shown in German in an untranslated language says so first, in that language (issue 15). */
const turkish = JSON.parse(readFileSync(join(import.meta.dirname, '../../renderer/locales/tr.json'), 'utf8')) as {
  serviceUntranslated: { notice: string };
};

describe('the start page of a service not translated into the language on screen', () => {
  const t = translator('tr');
  const service = services[0]!;

  it('speaks the notice first, in that language, then the service texts in the German voice', () => {
    const script = introScript(t, service, true);
    expect(script[0]).toEqual({ text: turkish.serviceUntranslated.notice });
    const title = script.find((utterance) => utterance.text === t(service.titleKey, { ns: `svc-${service.id}` }));
    expect(title?.language).toBe('de');
  });

  it('says nothing of the kind for a translated service', () => {
    const script = introScript(t, service, false);
    expect(script.map((utterance) => utterance.text)).not.toContain(turkish.serviceUntranslated.notice);
    expect(script.filter((utterance) => utterance.language === 'de')).toEqual([]);
  });
});
