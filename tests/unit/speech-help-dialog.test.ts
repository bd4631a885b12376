import { describe, expect, it } from 'vitest';
import { LANGUAGES, type HelpState } from '../../contract';
import { splitSentences, MAX_SPOKEN_TEXT } from '../../contract/speech';
import {
  bannerLines,
  bannerScript,
  helpDialogScript,
  helpStatusScript,
  type HelpDialogSpeechInput,
} from '../../renderer/assist/assist-scripts';
import { spokenText } from '../../renderer/speech/spoken-text';
import { services, translator } from '../fixtures/speech-screens';

/**
 * The "Hilfe" dialog is spoken like every other dialog: title, help text, the call for staff, then the
 * buttons. Composed by the renderer's own script from every renderer locale (a language added to
 * contract/languages.ts is covered without a change here), in each state the dialog can be in.
 */

const STATES: Record<string, { help: HelpState; canHandOver: boolean; accessText?: string }> = {
  'no hub': { help: { status: 'unavailable', hub: 'none' }, canHandOver: false, accessText: 'Eingang Hinterhof' },
  'hub out of reach': { help: { status: 'unavailable', hub: 'offline' }, canHandOver: false },
  idle: { help: { status: 'idle', hub: 'online' }, canHandOver: true },
  waiting: { help: { status: 'waiting', hub: 'offline', since: '2026-03-02T09:41:00.000Z' }, canHandOver: false },
  accepted: {
    help: { status: 'accepted', hub: 'online', since: '2026-03-02T09:41:00.000Z', staffName: 'Frau Meyer' },
    canHandOver: true,
  },
};

const stepWithHelp = services.flatMap((service) =>
  service.journey.steps.filter((step) => step.helpKey).map((step) => ({ service, step })),
)[0]!;

describe.each(LANGUAGES.map((language) => language.code))('the help dialog in %s', (language) => {
  const t = translator(language);
  const helpText = spokenText(t, stepWithHelp.step.helpKey!, { ns: `svc-${stepWithHelp.service.id}` });

  it.each(Object.keys(STATES))('is spoken when %s', (state) => {
    const { help, canHandOver, accessText } = STATES[state]!;
    const input: HelpDialogSpeechInput = {
      helpText,
      help,
      canHandOver,
      ...(accessText ? { accessText } : {}),
      ...(help.since ? { since: '10:41' } : {}),
    };
    const texts = helpDialogScript(t, input).map((utterance) => utterance.text);
    for (const text of texts) {
      expect(text.trim(), state).not.toBe('');
      // Formatted, no placeholder or markup left for the synthesiser to read out.
      expect(text, state).not.toMatch(/[{}<>]/);
      for (const sentence of splitSentences(text)) expect(sentence.length).toBeLessThanOrEqual(MAX_SPOKEN_TEXT);
    }
    expect(texts[0]).toBe(spokenText(t, 'help.title'));
    expect(texts[1]).toBe(helpText);
    // Where the call stands comes right after the help text, exactly as the status part says it alone.
    const status = helpStatusScript(t, input).map((utterance) => utterance.text);
    expect(texts.slice(2, 2 + status.length)).toEqual(status);

    // The buttons there are, each by the name it is shown with, "Schließen" last.
    const buttons = [
      ...(help.status === 'idle' ? ['assist.call'] : []),
      ...(help.status === 'waiting' || help.status === 'accepted' ? ['helpBanner.endHelp'] : []),
      ...(canHandOver ? ['assist.handover.button'] : []),
      'help.close',
    ].map((key) => spokenText(t, key));
    expect(texts.slice(-buttons.length - 1)).toEqual([
      spokenText(t, 'speech.options', { count: buttons.length }),
      ...buttons,
    ]);

    if (help.status === 'unavailable') {
      expect(status[0]).toBe(spokenText(t, help.hub === 'none' ? 'help.staff' : 'assist.unavailable'));
      if (accessText) expect(status).toContain(accessText);
    }
    if (help.status === 'waiting') {
      expect(status).toEqual([
        spokenText(t, 'assist.waitingTitle'),
        t('assist.waitingSince', { time: '10:41' }),
        spokenText(t, 'assist.offline'),
      ]);
    }
    if (help.status === 'accepted') expect(status[0]).toBe(t('assist.accepted', { name: 'Frau Meyer' }));
    if (canHandOver) expect(texts).toContain(spokenText(t, 'assist.handover.hint'));
  });
});

/**
 * Issue 14, items 1 and 4: the banner that replaces the dialog after the call. While help is coming it says
 * and speaks "Bitte bleiben Sie hier am Gerät"; its spoken hint names its button exactly as shown, and the
 * button says what it ends: the call ("Hilfe beenden") or staff watching ("Zusehen beenden").
 */
describe.each(LANGUAGES.map((language) => language.code))('the help banner in %s', (language) => {
  const t = translator(language);
  const since = '2026-03-02T09:41:00.000Z';
  const cases: [HelpState, string][] = [
    [{ status: 'waiting', hub: 'online', since }, 'helpBanner.endHelp'],
    [{ status: 'accepted', hub: 'online', since, staffName: 'Frau Meyer' }, 'helpBanner.endHelp'],
    [{ status: 'viewing', hub: 'online', since, staffName: 'Frau Meyer' }, 'helpBanner.endViewing'],
    [{ status: 'takeover', hub: 'online', since, staffName: 'Frau Meyer' }, 'helpBanner.endViewing'],
  ];
  it.each(cases)('is shown and spoken with the button it has (%o)', (help, buttonKey) => {
    const lines = bannerLines(t, help);
    const spoken = bannerScript(t, help).map((utterance) => utterance.text);
    expect(spoken.slice(0, lines.length)).toEqual(lines);
    if (help.status === 'waiting' || help.status === 'accepted') expect(lines).toContain(t('helpBanner.stay'));
    else expect(lines).not.toContain(t('helpBanner.stay'));
    // The hint names the very label on the button, in every language.
    expect(spoken.at(-1)).toContain(t(buttonKey));
    expect(t('helpBanner.endHelp')).not.toBe(t('helpBanner.endViewing'));
    // "Beenden" alone is the header's word after sending; the banner's buttons are not the header's.
    expect([t('header.end'), t('sessionCancel.label')]).not.toContain(t(buttonKey));
  });
  it("the start page's help names the header's button as it is shown", () => {
    expect(t('help.start')).toContain(t('sessionCancel.label'));
  });
  it('shows nothing without an open request', () => {
    expect(bannerScript(t, { status: 'idle', hub: 'online' })).toEqual([]);
    expect(bannerLines(t, { status: 'unavailable', hub: 'none' })).toEqual([]);
  });
});
