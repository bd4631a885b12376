import { useTranslation } from 'react-i18next';
import type { ServiceDefinition, SessionView } from '../../contract';
import { allParts, selectParts } from '../../contract/journey';
import { serviceNamespace } from '../../contract/namespaces';
import { useKiosk } from '../app/context';
import { screenKey } from '../app/state';
import { useScreenFocus } from '../app/useScreenFocus';
import { OfficeDetails } from '../components/OfficeDetails';
import { useOffice } from '../offices/useOffices';
import { DockAction } from '../components/BottomDock';
import { PrimaryButton } from '../components/PrimaryButton';
import { ReferenceNumber } from '../components/ReferenceNumber';
import { ReceiptPrint } from '../receipt/ReceiptPrint';
import { SessionMain } from '../components/SessionMain';
import { CostSummary } from '../components/CostSummary';
import { serviceTerm } from '../i18n/service-terms';
import { confirmationScript } from '../speech/scripts';
import { useScreenSpeech } from '../speech/useScreenSpeech';
import { FeedbackQuestion } from '../feedback/FeedbackQuestion';
import { feedbackChangeScript, feedbackScript } from '../feedback/feedback-scripts';
import { useFeedback } from '../feedback/useFeedback';

/** GOV.UK confirmation page: panel with reference, what happens next, what to bring, fees, the office. */
export function ConfirmationScreen({
  view,
  service,
  reference,
}: {
  view: SessionView;
  service: ServiceDefinition;
  reference: string;
}) {
  const { t } = useTranslation();
  const { actions } = useKiosk();
  const namespace = serviceNamespace(service.id);
  const title = serviceTerm(t, service.id, 'sent');
  const headingRef = useScreenFocus(
    screenKey(view),
    t('app.titleWithService', { page: title, service: t(service.titleKey, { ns: namespace }), app: t('app.name') }),
  );
  const tn = (key: string) => t(key, { ns: namespace });
  // Only what applies to this resident, as decided from the answers when they sent it.
  const parts = view.position.kind === 'confirmation' ? view.position.parts : undefined;
  const applies = selectParts(service, parts ?? allParts(service));
  const office = useOffice(service.officeId);
  const feedback = useFeedback();
  // The page once; then only what changed in "Wie war es?".
  useScreenSpeech(
    `${screenKey(view)}|${feedback.stage}|${feedback.rating ?? ''}`,
    [
      ...confirmationScript(t, service, reference, applies, office),
      ...feedbackScript(t, feedback.stage, feedback.rating),
    ],
    feedback.stage === 'ask' && feedback.rating === null
      ? undefined
      : feedbackChangeScript(t, feedback.stage, feedback.rating),
  );

  return (
    <SessionMain>
      <div className="panel">
        <h1 className="panel__title" ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        <div className="panel__body">
          <p className="panel__label">{t('confirmation.referenceLabel')}</p>
          <p className="panel__reference">
            <ReferenceNumber reference={reference} />
          </p>
        </div>
      </div>
      <p className="lead">{t('confirmation.referenceHint')}</p>
      <ReceiptPrint />

      <h2 className="section-heading">{t('confirmation.nextHeading')}</h2>
      <ul className="list list--bullet">
        {applies.nextStepKeys.map((key) => (
          <li key={key}>{tn(key)}</li>
        ))}
      </ul>

      {applies.documentKeys.length > 0 && (
        <>
          <h2 className="section-heading">{t('confirmation.documentsHeading')}</h2>
          <ul className="list list--bullet">
            {applies.documentKeys.map((key) => (
              <li key={key}>{tn(key)}</li>
            ))}
          </ul>
        </>
      )}

      <h2 className="section-heading" id="confirmation-fees-heading">
        {t('confirmation.feesHeading')}
      </h2>
      <CostSummary fees={applies.fees} namespace={namespace} showTotal headingId="confirmation-fees-heading" />

      <OfficeDetails officeId={service.officeId} />

      <FeedbackQuestion feedback={feedback} />

      <DockAction>
        <PrimaryButton onPress={() => void actions.end('finished')}>{t('confirmation.done')}</PrimaryButton>
      </DockAction>
    </SessionMain>
  );
}
