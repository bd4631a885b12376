import type { TFunction } from 'i18next';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice';
import type { Utterance } from '../../speech/scripts';
import { spokenText } from '../../speech/spoken-text';
import type { VisitWalkIn } from './useVisitWalkIn';
import { waitText, walkInOpeningText } from './walk-in-format';
import { WalkInPrint } from './WalkInPrint';

/** On the prepared-visit page: the office takes walk-ins now, so a waiting number instead of (or before) a time. */
export function WalkInVisitPanel({ walkIn }: { walkIn: VisitWalkIn }) {
  const { t } = useTranslation();
  const { offered, outcome } = walkIn;
  if (!offered) return null;
  return (
    <section aria-labelledby="walk-in-visit-heading">
      <h2 className="section-heading" id="walk-in-visit-heading">
        {t('walkIn.entry')}
      </h2>
      {outcome?.outcome === 'number' ? (
        <>
          <p className="label">{t('walkIn.numberLabel')}</p>
          <p className="booking-code walk-in-number" data-testid="walk-in-number">
            <bdi dir="ltr">{outcome.ticket.number}</bdi>
          </p>
          <p data-testid="walk-in-wait">{`${t('walkIn.waitLabel')}: ${waitText(t, outcome.ticket)}`}</p>
          <p>{t('walkIn.numberText')}</p>
          <WalkInPrint />
        </>
      ) : outcome?.outcome === 'closed' ? (
        <Notice text={`${t('walkIn.closedText')} ${walkInOpeningText(t, outcome.opening)}`} />
      ) : outcome?.outcome === 'unavailable' ? (
        <Notice tone="problem" text={t('walkIn.unavailable')} />
      ) : (
        <>
          <p>{`${t('walkIn.visitText')} ${walkInOpeningText(t, offered.opening)}`}</p>
          <Button
            className="button button--secondary"
            isDisabled={walkIn.busy}
            onPress={walkIn.take}
            data-testid="walk-in-visit"
          >
            {t('walkIn.visitAction')}
          </Button>
        </>
      )}
    </section>
  );
}

/** What the panel says, in the visit page's script after the booking lines. */
export function walkInVisitScript(t: TFunction, walkIn: VisitWalkIn): Utterance[] {
  const { offered, outcome } = walkIn;
  if (!offered) return [];
  const say = (text: string): Utterance => ({ text });
  if (outcome?.outcome === 'number') {
    return [
      say(`${spokenText(t, 'walkIn.numberLabel')}: ${outcome.ticket.number}`),
      say(`${spokenText(t, 'walkIn.waitLabel')}: ${waitText(t, outcome.ticket)}`),
      say(spokenText(t, 'walkIn.numberText')),
    ];
  }
  if (outcome?.outcome === 'closed')
    return [say(spokenText(t, 'walkIn.closedText')), say(walkInOpeningText(t, outcome.opening))];
  if (outcome?.outcome === 'unavailable') return [say(spokenText(t, 'walkIn.unavailable'))];
  return [
    say(spokenText(t, 'walkIn.visitText')),
    say(walkInOpeningText(t, offered.opening)),
    say(spokenText(t, 'walkIn.visitAction')),
  ];
}
