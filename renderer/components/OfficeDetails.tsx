import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Office } from '../../contract';
import { officeText, shownHours } from '../offices/office-text';
import { useOffice } from '../offices/useOffices';

/** A service's office (confirmation, outcome): heading, then the office from the offices file. */
export function OfficeDetails({ officeId }: { officeId: string }) {
  const { t } = useTranslation();
  const office = useOffice(officeId);
  if (!office) return null;
  return (
    <section className="office" aria-labelledby="office-heading">
      <h2 className="section-heading" id="office-heading">
        {t('confirmation.officeHeading')}
      </h2>
      <OfficeFacts office={office} />
    </section>
  );
}

/** Name, address, the week's opening hours (from the data, in the page's language), step-free way in, phone. */
export function OfficeFacts({
  office,
  nameAs: Name = 'p',
  status,
}: {
  office: Office;
  nameAs?: 'p' | 'h2';
  /** Open now or when next (the offices screen), right under the name. */
  status?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Name className="office__name">{officeText(t, office, 'name')}</Name>
      {status}
      <p>{officeText(t, office, 'address')}</p>
      <dl className="summary-list summary-list--plain">
        <div className="summary-list__row">
          <dt className="summary-list__key">{t('confirmation.openingHours')}</dt>
          <dd className="summary-list__value">
            <ul className="office__hours">
              {shownHours(t, office).map((row) => (
                <li key={row.days}>
                  {row.days}: {row.times}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t('confirmation.access')}</dt>
          <dd className="summary-list__value">{officeText(t, office, 'access')}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t('confirmation.phone')}</dt>
          <dd className="summary-list__value">
            {/* Digits and spaces would be reordered in a right-to-left page ("401-0 04141"). */}
            <bdi dir="ltr">{office.phone}</bdi>
          </dd>
        </div>
        {office.email && (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t('confirmation.email')}</dt>
            <dd className="summary-list__value">
              <bdi dir="ltr">{office.email}</bdi>
            </dd>
          </div>
        )}
      </dl>
    </>
  );
}
