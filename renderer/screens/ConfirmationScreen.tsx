import { useTranslation } from 'react-i18next';
import type { ServiceDefinition, SessionView } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { useKiosk } from '../app/context';
import { screenKey } from '../app/state';
import { useScreenFocus } from '../app/useScreenFocus';
import { OfficeDetails } from '../components/OfficeDetails';
import { DockAction } from '../components/BottomDock';
import { PrimaryButton } from '../components/PrimaryButton';
import { ReferenceNumber } from '../components/ReferenceNumber';
import { ReceiptPrint } from '../receipt/ReceiptPrint';
import { SessionMain } from '../components/SessionMain';
import { formatMoney } from '../i18n/format';
import { confirmationScript } from '../speech/scripts';
import { useScreenSpeech } from '../speech/useScreenSpeech';

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
  const title = t('confirmation.title');
  const headingRef = useScreenFocus(
    screenKey(view),
    t('app.titleWithService', { page: title, service: t(service.titleKey, { ns: namespace }), app: t('app.name') }),
  );
  const tn = (key: string) => t(key, { ns: namespace });
  useScreenSpeech(screenKey(view), confirmationScript(t, service, reference));

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
        {service.nextStepsKeys.map((key) => (
          <li key={key}>{tn(key)}</li>
        ))}
      </ul>

      {service.documentsToBring.length > 0 && (
        <>
          <h2 className="section-heading">{t('confirmation.documentsHeading')}</h2>
          <ul className="list list--bullet">
            {service.documentsToBring.map((document) => (
              <li key={document.labelKey}>{tn(document.labelKey)}</li>
            ))}
          </ul>
        </>
      )}

      <h2 className="section-heading">{t('confirmation.feesHeading')}</h2>
      {service.fees.length === 0 ? (
        <p>{t('confirmation.noFees')}</p>
      ) : (
        <dl className="summary-list summary-list--plain">
          {service.fees.map((fee) => (
            <div className="summary-list__row" key={fee.labelKey}>
              <dt className="summary-list__key">{tn(fee.labelKey)}</dt>
              <dd className="summary-list__value">{formatMoney(t, fee.amountCents, fee.currency)}</dd>
            </div>
          ))}
        </dl>
      )}

      <OfficeDetails service={service} />

      <DockAction>
        <PrimaryButton onPress={() => void actions.end('finished')}>{t('confirmation.done')}</PrimaryButton>
      </DockAction>
    </SessionMain>
  );
}
