import type { TFunction } from 'i18next';
import type { Utterance } from '../speech/scripts';
import { spokenReference } from '../speech/spoken-text';

/** What the new dialogs and banners say: the same texts as on screen (see speech/scripts.ts). */
export function consentScript(t: TFunction, name: string): Utterance[] {
  return [{ text: t('assist.consent.title', { name }) }, { text: t('assist.consent.text', { name }) }];
}

export function bannerScript(t: TFunction, status: 'viewing' | 'takeover', name: string): Utterance[] {
  return [{ text: t(`assist.banner.${status}`, { name }) }, { text: t('assist.banner.stopHint') }];
}

export function offerScript(t: TFunction): Utterance[] {
  return [{ text: t('assist.offer.title') }, { text: t('assist.offer.text') }];
}

export function acceptedScript(t: TFunction, name: string | undefined): Utterance[] {
  return [{ text: name ? t('assist.accepted', { name }) : t('assist.waitingTitle') }];
}

/** The handover code letter by letter, groups apart ("K 7 M R, 4 Q X P"), twice: it is what the resident takes away. */
export function handoverScript(t: TFunction, code: string): Utterance[] {
  const spoken = t('assist.handover.spokenCode', { code: spokenReference(code) });
  return [
    { text: t('assist.handover.title') },
    { text: t('assist.handover.text') },
    { text: spoken },
    { text: spoken },
  ];
}
