import { useTranslation } from 'react-i18next';
import type { Office, ServiceDefinition } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';

/** Where to go: office name, address, opening hours and the step-free way in. */
export function OfficeDetails({ service, office = service.office }: { service: ServiceDefinition; office?: Office }) {
  const { t } = useTranslation();
  const namespace = serviceNamespace(service.id);
  return (
    <section className="office" aria-labelledby="office-heading">
      <h2 className="section-heading" id="office-heading">
        {t('confirmation.officeHeading')}
      </h2>
      <p className="office__name">{t(office.nameKey, { ns: namespace })}</p>
      <p>{t(office.addressKey, { ns: namespace })}</p>
      <dl className="summary-list summary-list--plain">
        <div className="summary-list__row">
          <dt className="summary-list__key">{t('confirmation.openingHours')}</dt>
          <dd className="summary-list__value">{t(office.openingHoursKey, { ns: namespace })}</dd>
        </div>
        {office.accessKey && (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t('confirmation.access')}</dt>
            <dd className="summary-list__value">{t(office.accessKey, { ns: namespace })}</dd>
          </div>
        )}
        {office.phone && (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t('confirmation.phone')}</dt>
            <dd className="summary-list__value">
              {/* Digits and spaces would be reordered in a right-to-left page ("401-0 04141"). */}
              <bdi dir="ltr">{office.phone}</bdi>
            </dd>
          </div>
        )}
        {office.email && (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t('confirmation.email')}</dt>
            <dd className="summary-list__value">
              <bdi dir="ltr">{office.email}</bdi>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
