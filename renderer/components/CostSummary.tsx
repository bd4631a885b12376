import { useTranslation } from 'react-i18next';
import { totalCents, type FeeLine } from '../../contract/journey';
import { formatMoney } from '../i18n/format';

interface CostSummaryProps {
  fees: readonly FeeLine[];
  namespace: string;
  /** The sum of the fees as the last row ("Sie bezahlen"), when the fees are this resident's. */
  showTotal?: boolean;
  headingId: string;
}

/** Fees with their amounts; the total when they are what this application costs. */
export function CostSummary({ fees, namespace, showTotal = false, headingId }: CostSummaryProps) {
  const { t } = useTranslation();
  if (fees.length === 0) return <p>{t('confirmation.noFees')}</p>;
  const currency = fees[0]!.currency;
  return (
    <dl className="summary-list summary-list--plain cost-summary" aria-labelledby={headingId}>
      {fees.map((fee) => (
        <div className="summary-list__row" key={fee.labelKey}>
          <dt className="summary-list__key">
            {fee.count !== undefined && fee.count > 1
              ? t('visit.feeCount', {
                  fee: t(fee.labelKey, { ns: namespace }),
                  count: fee.count,
                  unit: formatMoney(t, fee.unitCents ?? fee.amountCents, fee.currency),
                })
              : t(fee.labelKey, { ns: namespace })}
          </dt>
          <dd className="summary-list__value">{formatMoney(t, fee.amountCents, fee.currency)}</dd>
        </div>
      ))}
      {showTotal && fees.length > 1 && (
        <div className="summary-list__row cost-summary__total">
          <dt className="summary-list__key">{t('servicePages.total')}</dt>
          <dd className="summary-list__value">{formatMoney(t, totalCents(fees), currency)}</dd>
        </div>
      )}
    </dl>
  );
}
