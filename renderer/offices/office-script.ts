import type { TFunction } from 'i18next';
import type { Office, OfficesFile, OfficesStatus } from '../../contract';
import { OFFICES_NS } from '../../contract/office-keys';
import type { Utterance } from '../speech/scripts';
import { spokenDigits, spokenText } from '../speech/spoken-text';
import { officeText, openingText, spokenHours } from './office-text';

const say = (text: string): Utterance => ({ text });

/** One office: name, address, the week's hours, the step-free way in, the phone number digit by digit. */
export function officeDetailsUtterances(t: TFunction, office: Office): Utterance[] {
  const hours = spokenHours(t, office).map((row) => `${row.days}: ${row.times}`);
  return [
    say(officeText(t, office, 'name')),
    say(officeText(t, office, 'address')),
    say(`${spokenText(t, 'confirmation.openingHours')}: ${hours.join('. ')}.`),
    say(`${spokenText(t, 'confirmation.access')}: ${officeText(t, office, 'access')}`),
    say(`${spokenText(t, 'confirmation.phone')}: ${spokenDigits(office.phone)}.`),
  ];
}

/** A service's office block (confirmation, outcome): its heading, then the office. */
export function officeUtterances(t: TFunction, office: Office): Utterance[] {
  return [say(spokenText(t, 'confirmation.officeHeading')), ...officeDetailsUtterances(t, office)];
}

/** The offices screen: title, the sample-data note, then each office with whether it is open now. */
export function officesScript(t: TFunction, file: OfficesFile, status: OfficesStatus | null): Utterance[] {
  const out = [say(spokenText(t, 'officesScreen.title')), say(spokenText(t, 'officesScreen.lead'))];
  if (file.sampleData) out.push(say(t('sampleNote', { ns: OFFICES_NS })));
  for (const office of file.offices) {
    const [name, ...details] = officeDetailsUtterances(t, office);
    out.push(name!);
    const opening = status?.offices.find((entry) => entry.id === office.id);
    if (opening) out.push(say(openingText(t, opening.opening)));
    out.push(...details);
  }
  return out;
}
