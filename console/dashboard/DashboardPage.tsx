import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { monthText } from '../charts/counts';
import { DASHBOARD_PATH } from '../charts/load';
import { useDashboardLoad } from '../charts/useDashboardLoad';
import { UsageCharts } from '../charts/UsageCharts';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** The public page: what the kiosks are used for, from the hub's published (already suppressed) figures. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { load, retry } = useDashboardLoad(DASHBOARD_PATH);

  const language = i18n.language;
  const data = typeof load === 'object' && load.kind === 'ready' ? load.data : null;
  const first = data?.months[0];
  const last = data?.months.at(-1);

  return (
    <div className="dashboard">
      <a className="skip-link" href="#main">
        {t('page.skipToContent')}
      </a>
      <header className="header">
        <p className="header-title">{t('page.brand')}</p>
        <div className="header-tools">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="page dashboard-page">
        <h1 className="screen-title">{t('page.title')}</h1>
        <p className="dashboard-intro">{t('page.intro')}</p>
        {load === 'loading' && <p role="status">{t('page.loading')}</p>}
        {typeof load === 'object' && load.kind !== 'ready' && (
          <div className="notice notice--error dashboard-error" role="alert">
            <p>{load.kind === 'invalid' ? t('page.invalid') : t('page.failed')}</p>
            <Button className="button" onPress={retry}>
              {t('page.retry')}
            </Button>
          </div>
        )}
        {data && (
          <>
            <p className="usage-meta">
              {first && last && (
                <span>{t('page.period', { from: monthText(language, first), to: monthText(language, last) })}</span>
              )}
              <span>
                {t('page.generated', {
                  date: new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(
                    new Date(data.generatedAt),
                  ),
                })}
              </span>
            </p>
            <UsageCharts data={data} />
          </>
        )}
        <section className="dashboard-about" aria-labelledby="about-title">
          <h2 id="about-title">{t('page.aboutTitle')}</h2>
          <p>{t('page.about')}</p>
        </section>
        <section className="dashboard-about" aria-labelledby="files-title">
          <h2 id="files-title">{t('page.filesTitle')}</h2>
          <p>{t('page.files')}</p>
          <ul className="dashboard-files">
            <li>
              <a href="/open-data/usage-monthly.csv">{t('page.monthlyCsv')}</a>
            </li>
            <li>
              <a href="/open-data/catalog.jsonld">{t('page.metadata')}</a>
            </li>
          </ul>
        </section>
      </main>
    </div>
  );
}
