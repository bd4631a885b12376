import type { Step } from '../contract';
import { planValue } from '../tests/e2e/support/answer-plan';
import { fieldLabel, svcText, type LoadedService } from '../tests/e2e/support/service-data';

/**
 * The SurveyJS journey of the same shape as the kiosk's: one page per question step the kiosk
 * showed (same titles and hints), one question per field of the same kind (text, email and
 * postcode with their checks, the date as day, month and year, radio, checkboxes, a confirmation
 * box), all required, and the same planned answers already filled in.
 */
export interface SurveyJourney {
  survey: object;
  data: Record<string, unknown>;
}

export function surveyJourney(service: LoadedService, steps: readonly Step[]): SurveyJourney {
  const data: Record<string, unknown> = {};
  const text = (key: string | undefined) => (key ? svcText(service, 'de', key) : undefined);
  const pages = steps.map((step) => ({
    name: step.id,
    title: text(step.titleKey),
    description: text(step.hintKey),
    elements: step.fields.map((field) => {
      const planned = planValue(service, field);
      const base = { name: field.name, title: fieldLabel(service, 'de', step, field), isRequired: true };
      const choices = field.options?.map((option) => ({ value: option.value, text: text(option.labelKey) }));
      switch (planned.kind) {
        case 'text':
          data[field.name] = planned.value;
          if (field.type === 'email')
            return { ...base, type: 'text', inputType: 'email', validators: [{ type: 'email' }] };
          if (field.type === 'postcode')
            return { ...base, type: 'text', validators: [{ type: 'regex', regex: '^[0-9]{5}$' }] };
          return { ...base, type: 'text' };
        case 'date':
          data[field.name] = { day: planned.day, month: planned.month, year: planned.year };
          return {
            ...base,
            type: 'multipletext',
            items: [
              { name: 'day', title: 'Tag', isRequired: true },
              { name: 'month', title: 'Monat', isRequired: true },
              { name: 'year', title: 'Jahr', isRequired: true },
            ],
          };
        case 'choice':
          data[field.name] = planned.multiple ? planned.values : planned.values[0];
          return { ...base, type: planned.multiple ? 'checkbox' : 'radiogroup', choices };
        case 'confirm':
          data[field.name] = true;
          return { ...base, type: 'boolean', renderAs: 'checkbox' };
      }
    }),
  }));
  return { survey: { pages, showQuestionNumbers: 'off', checkErrorsMode: 'onNextPage' }, data };
}

/** The page; its script is served next to it as app.js. */
export function surveyPageHtml(journey: SurveyJourney, css: string): string {
  // '<' escaped: the JSON sits inside a script element.
  const json = JSON.stringify(journey).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>SurveyJS</title>
<style>${css}</style></head><body><div id="root"></div>
<script type="application/json" id="survey-json">${json}</script>
<script type="module" src="app.js"></script></body></html>`;
}
