import type { TFunction } from 'i18next';
import type { DeskOpening, HelpState } from '../../contract';
import type { Utterance } from '../speech/scripts';
import { spokenReference, spokenText } from '../speech/spoken-text';

/** What the new dialogs and banners say: the same texts as on screen (see speech/scripts.ts). */
export function consentScript(t: TFunction, name: string): Utterance[] {
  return [{ text: t('assist.consent.title', { name }) }, { text: t('assist.consent.text', { name }) }];
}

/** The same rule as the core's: an open request on a connected hub stops the idle timeout. */
export function helpHoldsIdle(help: HelpState): boolean {
  return help.hub === 'online' && help.status !== 'idle' && help.status !== 'unavailable';
}

/** What the banner shows: nothing, the call (waiting or accepted: stay here), or staff watching or filling in. */
export type BannerPhase = 'none' | 'waiting' | 'coming' | 'viewing' | 'takeover';

export function bannerPhase(help: HelpState): BannerPhase {
  switch (help.status) {
    case 'waiting':
      return 'waiting';
    case 'accepted':
    case 'consent':
      return help.staffName ? 'coming' : 'waiting';
    case 'viewing':
    case 'takeover':
      return help.staffName ? help.status : 'coming';
    default:
      return 'none';
  }
}

/** The banner's lines, as on screen: who comes or what staff do, then what the resident should do. */
export function bannerLines(t: TFunction, help: HelpState): string[] {
  const phase = bannerPhase(help);
  const name = help.staffName ?? '';
  const offline = help.hub !== 'online' ? [t('assist.offline')] : [];
  switch (phase) {
    case 'waiting':
      return [t('assist.waitingTitle'), t('helpBanner.stay'), ...offline];
    case 'coming':
      return [t('assist.accepted', { name }), t('helpBanner.stay'), ...offline];
    case 'viewing':
    case 'takeover':
      return [t(`assist.banner.${phase}`, { name })];
    default:
      return [];
  }
}

/** The banner spoken: its lines, then which button ends what, named as on screen. */
export function bannerScript(t: TFunction, help: HelpState): Utterance[] {
  const phase = bannerPhase(help);
  if (phase === 'none') return [];
  const watching = phase === 'viewing' || phase === 'takeover';
  const hint = t(watching ? 'helpBanner.endViewingHint' : 'helpBanner.endHelpHint');
  return [...bannerLines(t, help).map((text) => ({ text })), { text: hint }];
}

export function offerScript(t: TFunction): Utterance[] {
  return [{ text: t('assist.offer.title') }, { text: t('assist.offer.text') }];
}

/** The handover code letter by letter, groups apart ("K 7 M R, 4 Q X P"), twice: it is what the resident takes away. */
export function handoverScript(t: TFunction, code: string, times: string[] = []): Utterance[] {
  const spoken = t('assist.handover.spokenCode', { code: spokenReference(code) });
  return [
    { text: t('assist.handover.title') },
    { text: t('assist.handover.text') },
    { text: spoken },
    { text: spoken },
    ...times.map((text) => ({ text })),
  ];
}

/**
 * Until when the code is good and when the desk is open next (issue 14), in the town's time zone and the
 * session's language: shown under the code and spoken after it; the slip says the same.
 */
export function handoverTimes(
  t: TFunction,
  ticket: { validUntil?: string | undefined; desk?: DeskOpening | undefined },
): string[] {
  const locale = t('format.locale', { ns: 'common' });
  const timeZone = ticket.desk?.timeZone ?? 'Europe/Berlin';
  const at = (iso: string) => {
    const date = new Date(iso);
    return {
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone }).format(date),
      time: new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(date),
    };
  };
  const lines: string[] = [];
  if (ticket.validUntil) lines.push(t('handoverTimes.validUntil', at(ticket.validUntil)));
  const desk = ticket.desk;
  if (desk)
    lines.push(
      desk.openNow ? t('handoverTimes.deskOpenNow', at(desk.until)) : t('handoverTimes.deskOpensAt', at(desk.from)),
    );
  return lines;
}

export interface HelpDialogSpeechInput {
  /** The step's help text (its spoken form) or the general help. */
  helpText: string;
  help: HelpState;
  /** "Am Schalter weitermachen" is offered (StaffHelp shows it). */
  canHandOver: boolean;
  /** The service office's step-free way in, read with "go to the desk". */
  accessText?: string;
  /** The time of the call as shown ("10:42"). */
  since?: string;
}

/** Where the staff part of the help dialog stands, as StaffHelp shows it. */
export function staffHelpPart(help: HelpState): 'desk' | 'call' | 'open' {
  if (help.status === 'unavailable') return 'desk';
  return help.status === 'idle' ? 'call' : 'open';
}

/** The staff part alone: who comes (or that help is on the way), since when, and whether the call still waits to be sent. */
export function helpStatusScript(t: TFunction, input: HelpDialogSpeechInput): Utterance[] {
  const { help } = input;
  const part = staffHelpPart(help);
  if (part === 'desk') {
    const desk = [{ text: spokenText(t, help.hub === 'none' ? 'help.staff' : 'assist.unavailable') }];
    return input.accessText ? [...desk, { text: input.accessText }] : desk;
  }
  if (part === 'call') return [];
  const out: Utterance[] = [
    {
      text:
        help.staffName && help.status !== 'waiting'
          ? t('assist.accepted', { name: help.staffName })
          : spokenText(t, 'assist.waitingTitle'),
    },
  ];
  if (input.since) out.push({ text: t('assist.waitingSince', { time: input.since }) });
  if (help.hub !== 'online') out.push({ text: spokenText(t, 'assist.offline') });
  return out;
}

/**
 * The "Hilfe" dialog, as the other dialogs are spoken (speech/dialog-scripts.ts): the title, the help
 * text, where the call for staff stands, then the buttons there are, in screen order.
 */
export function helpDialogScript(t: TFunction, input: HelpDialogSpeechInput): Utterance[] {
  const part = staffHelpPart(input.help);
  const buttons: string[] = [];
  if (part === 'call') buttons.push(spokenText(t, 'assist.call'));
  if (part === 'open') buttons.push(spokenText(t, 'helpBanner.endHelp'));
  const handover: Utterance[] =
    part !== 'desk' && input.canHandOver
      ? [{ text: spokenText(t, 'assist.handover.heading') }, { text: spokenText(t, 'assist.handover.hint') }]
      : [];
  if (handover.length > 0) buttons.push(spokenText(t, 'assist.handover.button'));
  buttons.push(spokenText(t, 'help.close'));
  return [
    { text: spokenText(t, 'help.title') },
    { text: input.helpText },
    ...helpStatusScript(t, input),
    ...handover,
    { text: spokenText(t, 'speech.options', { count: buttons.length }) },
    ...buttons.map((text) => ({ text })),
  ];
}
