import type { TFunction } from 'i18next';
import type { Office, WalkInOffice } from '../../../contract';
import { officeDetailsUtterances } from '../../offices/office-script';
import { officeText } from '../../offices/office-text';
import type { Utterance } from '../../speech/scripts';
import { spokenText } from '../../speech/spoken-text';
import { waitText, walkInOpeningText } from './walk-in-format';
import { walkInTitleKey, type WalkInStep } from './walk-in-steps';

/** What each page of "Wartenummer ziehen" says, from the same texts as the page. */
const say = (text: string): Utterance => ({ text });

export function walkInScript(
  t: TFunction,
  step: WalkInStep,
  context: { offices: WalkInOffice[]; office: (id: string) => Office | undefined },
): Utterance[] {
  const title = say(spokenText(t, walkInTitleKey[step.kind]));
  switch (step.kind) {
    case 'offices': {
      if (context.offices.length === 0) return [title, say(spokenText(t, 'walkIn.noOffices'))];
      const out = [title, say(spokenText(t, 'walkIn.officesLead'))];
      for (const entry of context.offices) {
        const office = context.office(entry.officeId);
        if (office) out.push(say(`${officeText(t, office, 'name')}. ${walkInOpeningText(t, entry.opening)}`));
      }
      return out;
    }
    case 'number': {
      const office = context.office(step.ticket.officeId);
      return [
        title,
        // Digit by digit would be a code; a waiting number is read as the number it is, as the display calls it.
        say(`${spokenText(t, 'walkIn.numberLabel')}: ${step.ticket.number}`),
        say(`${spokenText(t, 'walkIn.waitLabel')}: ${waitText(t, step.ticket)}`),
        ...(office
          ? [
              say(`${spokenText(t, 'walkIn.officeLabel')}: ${officeText(t, office, 'name')}`),
              say(`${spokenText(t, 'walkIn.entranceLabel')}: ${officeText(t, office, 'access')}`),
            ]
          : []),
        say(spokenText(t, 'walkIn.numberText')),
        say(spokenText(t, 'walkIn.print')),
      ];
    }
    case 'closed': {
      const office = context.office(step.officeId);
      return [
        title,
        ...(office ? [say(officeText(t, office, 'name'))] : []),
        say(spokenText(t, 'walkIn.closedText')),
        say(walkInOpeningText(t, step.opening)),
      ];
    }
    case 'unavailable': {
      const office = context.office(step.officeId);
      return [title, say(spokenText(t, 'walkIn.unavailable')), ...(office ? officeDetailsUtterances(t, office) : [])];
    }
  }
}
