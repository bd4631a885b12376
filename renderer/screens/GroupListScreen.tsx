import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ServiceDefinition, SessionView, Step } from '../../contract';
import { groupItems } from '../../contract/journey';
import { serviceNamespace } from '../../contract/namespaces';
import { useKiosk } from '../app/context';
import { screenKey } from '../app/state';
import { useScreenFocus } from '../app/useScreenFocus';
import { BackLink } from '../components/BackLink';
import { DockAction } from '../components/BottomDock';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorSummary } from '../components/ErrorSummary';
import { PrimaryButton } from '../components/PrimaryButton';
import { SessionMain } from '../components/SessionMain';
import { groupErrorTexts, itemSummary } from '../journey/group-texts';
import { groupListScript } from '../speech/scripts';
import { useScreenSpeech } from '../speech/useScreenSpeech';

interface GroupListScreenProps {
  view: SessionView;
  service: ServiceDefinition;
  step: Step;
  stepNumber: number;
  stepCount: number;
  returnToCheck: boolean;
}

/**
 * A repeatable group's list ("Wer zieht mit ein?", GOV.UK "add another"): each item with "Ändern" and
 * "Entfernen", "Weitere Person hinzufügen" up to the limit, and "Weiter" once the list is right.
 */
export function GroupListScreen({ view, service, step, stepNumber, stepCount, returnToCheck }: GroupListScreenProps) {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const ns = serviceNamespace(service.id);
  const repeat = step.repeat!;
  const items = groupItems(step, view.answers);
  const [removing, setRemoving] = useState<number | null>(null);
  const label = (index: number) => t(repeat.itemLabelKey, { ns, number: index + 1 });
  const errors = groupErrorTexts(t, ns, step, state.fieldErrors);

  const title = t(step.titleKey, { ns });
  const baseTitle = t('app.titleWithService', {
    page: title,
    service: t(service.titleKey, { ns }),
    app: t('app.name'),
  });
  const headingRef = useScreenFocus(
    screenKey(view),
    errors.length > 0 ? t('errors.titlePrefix', { title: baseTitle }) : baseTitle,
  );
  useScreenSpeech(`${screenKey(view)}|${items.length}|${state.errorSerial}|${state.speech.speakAnswers}`, () =>
    groupListScript(t, {
      service,
      step,
      answers: view.answers,
      stepNumber,
      stepCount,
      returnToCheck,
      errors: errors.map((error) => error.spoken),
      speakAnswers: state.speech.speakAnswers,
    }),
  );

  return (
    <SessionMain beforeMain={<BackLink onPress={() => void (returnToCheck ? actions.goToCheck() : actions.back())} />}>
      {errors.length > 0 && <ErrorSummary errors={errors} serial={state.errorSerial} />}
      {!returnToCheck && <p className="caption">{t('nav.stepOf', { current: stepNumber, total: stepCount })}</p>}
      <h1 className="page-heading" ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {step.hintKey && <p className="hint hint--lead">{t(step.hintKey, { ns })}</p>}
      {items.length === 0 ? (
        <p>{t('group.none')}</p>
      ) : (
        <ul className="group-list" aria-label={title}>
          {items.map((item, index) => (
            <li className="group-list__item" key={index}>
              <h2 className="group-list__label">{label(index)}</h2>
              <p className="group-list__summary">
                <bdi>{itemSummary(t, ns, step, item)}</bdi>
              </p>
              <div className="group-list__actions">
                <Button
                  className="link-button"
                  aria-label={t('check.changeField', { field: label(index) })}
                  onPress={() => void actions.openItem(step.id, index, returnToCheck)}
                >
                  {t('check.change')}
                </Button>
                <Button
                  className="link-button"
                  aria-label={t('group.removeNamed', { item: label(index) })}
                  onPress={() => setRemoving(index)}
                >
                  {t('group.remove')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {items.length < repeat.max ? (
        <Button
          className="button button--secondary"
          data-guide="add-item"
          onPress={() => void actions.openItem(step.id, items.length, returnToCheck)}
        >
          {t(repeat.addKey, { ns })}
        </Button>
      ) : (
        <p className="notice">{t('group.limitReached', { max: repeat.max })}</p>
      )}
      <DockAction>
        <PrimaryButton onPress={() => void actions.answer(step.id, {})} guide="next" isPending={state.busy}>
          {t(returnToCheck ? 'servicePages.backToCheck' : 'nav.continue')}
        </PrimaryButton>
      </DockAction>
      <ConfirmDialog
        isOpen={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        texts="removeItem"
        body={
          removing === null
            ? undefined
            : {
                text: t('group.removeText', { item: label(removing) }),
                spoken: t('group.removeText', { item: label(removing) }),
              }
        }
        onConfirm={() => removing !== null && void actions.removeItem(step.id, removing)}
      />
    </SessionMain>
  );
}
