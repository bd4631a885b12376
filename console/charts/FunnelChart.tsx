import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardService } from '../../contract/open-data';
import { ChartSection, DataTable } from './ChartParts';
import { anySuppressed, countText, drawnValue } from './counts';
import { horizontalBars } from './draw';
import { PlotFigure } from './PlotFigure';
import { titleIn } from './titles';

/**
 * The completion funnel of one service, picked from a plain <select> (keyboard and screen readers know it): how
 * many reached each step, and how many gave up there, in the service's order.
 */
export function FunnelChart({ services }: { services: DashboardService[] }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const pickerId = useId();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const service = services.find((candidate) => candidate.serviceId === picked) ?? services[0];
  const serviceTitle = service ? titleIn(language, service.title) : '';

  const draw = useCallback(
    (width: number) =>
      horizontalBars(
        (service?.funnel ?? []).map((step) => ({
          label: titleIn(language, step.title),
          value: drawnValue(step.reached),
          text: t('funnel.barText', {
            reached: countText(language, step.reached),
            givenUp: countText(language, step.givenUp),
          }),
          shortText: countText(language, step.reached),
        })),
        width,
        { textRoom: 200 },
      ),
    [service, language, t],
  );

  if (!service) return null;
  return (
    <ChartSection id="funnel" title={t('funnel.title')} caption={t('funnel.caption', { service: serviceTitle })}>
      <div className="chart-picker">
        <label htmlFor={pickerId}>{t('funnel.picker')}</label>
        <select
          id={pickerId}
          className="select"
          value={service.serviceId}
          onChange={(event) => setPicked(event.target.value)}
        >
          {services.map((candidate) => (
            <option key={candidate.serviceId} value={candidate.serviceId}>
              {titleIn(language, candidate.title)}
            </option>
          ))}
        </select>
      </div>
      {service.funnel.length === 0 ? (
        <p className="chart-figure">{t('funnel.noSteps')}</p>
      ) : (
        <>
          <PlotFigure draw={draw} testId="chart-funnel" />
          <DataTable
            title={t('funnel.caption', { service: serviceTitle })}
            rowHeader={t('funnel.colStep')}
            columns={[t('funnel.colReached'), t('funnel.colGivenUp')]}
            rows={service.funnel.map((step) => ({
              label: titleIn(language, step.title),
              cells: [countText(language, step.reached), countText(language, step.givenUp)],
            }))}
            suppressed={anySuppressed(service.funnel.flatMap((step) => [step.reached, step.givenUp]))}
          />
        </>
      )}
    </ChartSection>
  );
}
