import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { API_PREFIX } from '../api/protocol';
import { monthText } from '../charts/counts';
import type { DashboardLoad } from '../charts/load';
import { useDashboardLoad } from '../charts/useDashboardLoad';
import { UsageCharts } from '../charts/UsageCharts';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';

/** The hub's figures of one terminal for signed-in staff (same shape as the public dashboard's). */
export const usagePath = (terminalId: string) => `${API_PREFIX}/usage?terminalId=${encodeURIComponent(terminalId)}`;

function failureKey(load: Exclude<DashboardLoad, { kind: 'ready' }>): string {
  if (load.kind === 'invalid') return 'usage.invalid';
  if (load.status === 401 || load.status === 403) return 'usage.forbidden';
  if (load.status === 404) return 'usage.notFound';
  return 'usage.failed';
}

/** One terminal's usage, drawn with the public dashboard's charts; reached from the terminal overview. */
export function TerminalUsageScreen({
  terminalId,
  name,
  onBack,
}: {
  terminalId: string;
  name: string;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { load, retry } = useDashboardLoad(usagePath(terminalId));

  const language = i18n.language;
  const data = typeof load === 'object' && load.kind === 'ready' ? load.data : null;
  const first = data?.months[0];
  const last = data?.months.at(-1);

  return (
    <>
      <ScreenHeading>{t('usage.title', { name: data?.terminal?.name ?? name })}</ScreenHeading>
      <div className="button-row usage-actions">
        <Button className="button" onPress={onBack}>
          {t('usage.back')}
        </Button>
      </div>
      <p>{t('usage.intro')}</p>
      {load === 'loading' && <p role="status">{t('app.loading')}</p>}
      {typeof load === 'object' && load.kind !== 'ready' && (
        <Notice tone="error">
          <p>{t(failureKey(load))}</p>
          <Button className="button" onPress={retry}>
            {t('usage.retry')}
          </Button>
        </Notice>
      )}
      {data && (
        <>
          <p className="usage-meta">
            {first && last && (
              <span>{t('usage.period', { from: monthText(language, first), to: monthText(language, last) })}</span>
            )}{' '}
            <span>
              {t('usage.generated', {
                date: new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(
                  new Date(data.generatedAt),
                ),
              })}
            </span>
          </p>
          <UsageCharts data={data} />
        </>
      )}
    </>
  );
}
