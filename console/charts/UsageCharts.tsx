import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../contract/open-data';
import type { PublishedCount } from '../../contract/usage';
import { ChartSection, DataTable } from './ChartParts';
import { anySuppressed, countText, drawnValue, monthText, weekdayNames } from './counts';
import { heatGrid, horizontalBars } from './draw';
import { FunnelChart } from './FunnelChart';
import { PlotFigure } from './PlotFigure';
import { titleIn } from './titles';

/** Below this width the weekday × hour grid turns: weekdays across, hours down. */
const NARROW_PX = 720;
const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour));
const RATINGS = ['good', 'okay', 'bad'] as const;

/**
 * Every chart of the usage dashboard for one set of figures: the public page draws the whole town's, the console
 * one terminal's. Each chart has its caption and the table of its numbers.
 */
export function UsageCharts({ data }: { data: Dashboard }) {
  const { t } = useTranslation('charts');
  return (
    <div className="usage-charts">
      {data.months.length === 0 && <p className="chart-figure">{t('empty')}</p>}
      <SessionsChart data={data} />
      <ServicesChart data={data} />
      <FunnelChart services={data.services} />
      <LanguagesChart data={data} />
      <HelpChart data={data} />
      <DurationFigure data={data} />
      <FeedbackChart data={data} />
    </div>
  );
}

/** The drawing of a bar chart whose rows carry published counts ("< 5" drawn as no bar, written as "< 5"). */
function useBarDrawing(rows: readonly { label: string; count: PublishedCount }[], language: string) {
  return useCallback(
    (width: number) =>
      horizontalBars(
        rows.map((row) => ({ label: row.label, value: drawnValue(row.count), text: countText(language, row.count) })),
        width,
      ),
    [rows, language],
  );
}

function SessionsChart({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const rows = useMemo(
    () =>
      data.months.map((month, index) => ({
        label: monthText(language, month),
        count: data.sessionsByMonth[index] ?? 0,
      })),
    [data, language],
  );
  const draw = useBarDrawing(rows, language);
  return (
    <ChartSection id="sessions" title={t('sessions.title')} caption={t('sessions.caption')}>
      {rows.length > 0 && <PlotFigure draw={draw} testId="chart-sessions" />}
      <DataTable
        title={t('sessions.title')}
        rowHeader={t('sessions.colMonth')}
        columns={[t('sessions.colSessions')]}
        rows={rows.map((row) => ({ label: row.label, cells: [countText(language, row.count)] }))}
        suppressed={anySuppressed(data.sessionsByMonth)}
      />
    </ChartSection>
  );
}

function ServicesChart({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const months = data.months.map((month) => monthText(language, month));
  const draw = useCallback(
    (width: number) => {
      const shortMonth = new Intl.DateTimeFormat(language, { month: '2-digit', year: '2-digit', timeZone: 'UTC' });
      const columns = data.months.map((month) => shortMonth.format(new Date(`${month}-01T00:00:00Z`)));
      const cells = data.services.flatMap((service) =>
        service.startedByMonth.map((count, index) => ({
          x: columns[index] ?? '',
          y: titleIn(language, service.title),
          value: drawnValue(count),
          text: countText(language, count),
        })),
      );
      return heatGrid(
        cells,
        columns,
        data.services.map((service) => titleIn(language, service.title)),
        width,
        { minWidth: 56 },
      );
    },
    [data, language],
  );
  const started = data.services.flatMap((service) => service.startedByMonth);
  return (
    <ChartSection id="services" title={t('services.title')} caption={t('services.caption')}>
      {data.services.length > 0 && data.months.length > 0 && <PlotFigure draw={draw} testId="chart-services" />}
      <DataTable
        wide
        title={t('services.title')}
        rowHeader={t('services.colService')}
        columns={months}
        rows={data.services.map((service) => ({
          label: titleIn(language, service.title),
          cells: service.startedByMonth.map((count) => countText(language, count)),
        }))}
        suppressed={anySuppressed(started)}
      />
    </ChartSection>
  );
}

function LanguagesChart({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const rows = useMemo(
    () => data.languages.map((entry) => ({ label: t(`languages.name.${entry.language}`), count: entry.sessions })),
    [data, t],
  );
  const draw = useBarDrawing(rows, language);
  return (
    <ChartSection id="languages" title={t('languages.title')} caption={t('languages.caption')}>
      {rows.length > 0 && <PlotFigure draw={draw} testId="chart-languages" />}
      <DataTable
        title={t('languages.title')}
        rowHeader={t('languages.colLanguage')}
        columns={[t('languages.colSessions')]}
        rows={rows.map((row) => ({ label: row.label, cells: [countText(language, row.count)] }))}
        suppressed={anySuppressed(rows.map((row) => row.count))}
      />
    </ChartSection>
  );
}

function HelpChart({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const days = weekdayNames(language);
  const draw = useCallback(
    (width: number) => {
      const short = weekdayNames(language, 'short');
      const narrow = width < NARROW_PX;
      const cells = data.helpByWeekdayHour.flatMap((hours, day) =>
        hours.map((count: PublishedCount, hour) => {
          const dayName = short[day] ?? '';
          const hourName = String(hour);
          return {
            x: narrow ? dayName : hourName,
            y: narrow ? hourName : dayName,
            value: drawnValue(count),
            // An empty hour stays blank in the drawing; the table says 0.
            text: count === 0 ? '' : countText(language, count),
          };
        }),
      );
      return narrow
        ? heatGrid(cells, short, HOURS, width, { height: 30, minWidth: 40 })
        : heatGrid(cells, HOURS, short, width, { minWidth: 34 });
    },
    [data, language],
  );
  const all = data.helpByWeekdayHour.flat();
  return (
    <ChartSection id="help" title={t('help.title')} caption={t('help.caption')}>
      <PlotFigure draw={draw} testId="chart-help" />
      <DataTable
        wide
        title={t('help.title')}
        rowHeader={t('help.colWeekday')}
        columns={HOURS.map((hour) => t('help.hour', { hour }))}
        rows={data.helpByWeekdayHour.map((hours, day) => ({
          label: days[day] ?? '',
          cells: hours.map((count) => countText(language, count)),
        }))}
        suppressed={anySuppressed(all)}
      />
    </ChartSection>
  );
}

function DurationFigure({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation('charts');
  const minutes = data.averageDurationMinutes;
  const text =
    minutes === null
      ? t('duration.none')
      : t('duration.value', {
          minutes: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(minutes),
        });
  return (
    <ChartSection id="duration" title={t('duration.title')} caption={t('duration.caption')}>
      <p className="chart-figure" data-testid="duration-value">
        {text}
      </p>
    </ChartSection>
  );
}

function FeedbackChart({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const rows = useMemo(
    () => RATINGS.map((rating) => ({ label: t(`feedback.${rating}`), count: data.feedback[rating] })),
    [data, t],
  );
  const draw = useBarDrawing(rows, language);
  return (
    <ChartSection id="feedback" title={t('feedback.title')} caption={t('feedback.caption')}>
      <PlotFigure draw={draw} testId="chart-feedback" />
      <DataTable
        title={t('feedback.title')}
        rowHeader={t('feedback.colRating')}
        columns={[t('feedback.colCount')]}
        rows={rows.map((row) => ({ label: row.label, cells: [countText(language, row.count)] }))}
        suppressed={anySuppressed(rows.map((row) => row.count))}
      />
    </ChartSection>
  );
}
