import { createRoot } from 'react-dom/client';
import { Model } from 'survey-core';
import 'survey-core/i18n/german';
import { Survey } from 'survey-react-ui';

/**
 * The SurveyJS side of `npm run bench -- --only steps`: a survey with the kiosk journey's pages and
 * field kinds (bench/steps-survey.ts writes it into the page as JSON), every answer filled in, so
 * that each "Weiter" goes to the next page as the kiosk's does. `window.benchSurvey` lets the bench
 * go back to the first page between passes without timing it.
 */
declare global {
  interface Window {
    benchSurvey?: Model;
  }
}

const json = JSON.parse(document.getElementById('survey-json')!.textContent!) as {
  survey: object;
  data: Record<string, unknown>;
};
const model = new Model(json.survey);
model.locale = 'de';
model.data = json.data;
window.benchSurvey = model;
createRoot(document.getElementById('root')!).render(<Survey model={model} />);
