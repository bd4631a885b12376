import type { TFunction } from 'i18next';
import type { ApiErrorCode, LanguageCode, ServiceCategory, ServiceSummary } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { say, type Utterance } from './scripts';
import { spokenText } from './spoken-text';

/** What the start screen says: notices, title, languages, the services or life situations, the entry tiles. */
export interface StartScriptInput {
  notice: 'sessionEnded' | 'idleEnded' | null;
  apiError: ApiErrorCode | null;
  languages: readonly LanguageCode[];
  services: readonly ServiceSummary[];
  /** The life situations, when the start screen shows them instead of the services (renderer/finder/). */
  categories?: readonly ServiceCategory[];
  /** Each language's own name, in its own language. */
  nativeName: (language: LanguageCode) => string;
  /** "Termin verschieben oder absagen" is offered (an appointment system is configured). */
  manageBooking?: boolean;
  /** An office takes walk-ins: "Wartenummer ziehen" is offered. */
  walkIn?: boolean;
}

export function startScript(t: TFunction, input: StartScriptInput): Utterance[] {
  const out: Utterance[] = [];
  if (input.notice) out.push(say(spokenText(t, `notice.${input.notice}`)));
  if (input.apiError) out.push(say(spokenText(t, `errors.api.${input.apiError}`)));
  out.push(say(spokenText(t, 'start.title')), say(spokenText(t, 'start.lead')));
  if (input.languages.length > 1) {
    out.push(say(spokenText(t, 'speech.chooseLanguage')));
    for (const language of input.languages) out.push({ text: input.nativeName(language), language });
  }
  out.push(say(spokenText(t, 'start.servicesHeading')));
  if (input.services.length === 0) out.push(say(spokenText(t, 'start.noServices')));
  else out.push(say(spokenText(t, 'finder.searchSpoken')));
  if (input.categories) {
    for (const category of input.categories) out.push(say(spokenText(t, `finder.category.${category}`)));
  } else {
    for (const service of input.services) {
      out.push(say(spokenText(t, service.titleKey, { ns: serviceNamespace(service.id) })));
    }
  }
  if (input.manageBooking) out.push(say(spokenText(t, 'manageBooking.entry')));
  if (input.walkIn) out.push(say(spokenText(t, 'walkIn.entry')));
  out.push(say(spokenText(t, 'town.emergency')), say(spokenText(t, 'counting.link')));
  return out;
}

/** Only the start screen's notice ("Ihre Sitzung wurde beendet …"), when there is one. */
export function startNoticeScript(t: TFunction, notice: StartScriptInput['notice']): Utterance[] {
  return notice ? [say(spokenText(t, `notice.${notice}`))] : [];
}
