import { useId, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { GuideTargetValue, LiveSnapshot } from '../api/protocol';
import { useConsole } from '../app/context';
import { fieldLabel, stepFields } from '../lib/catalog';
import { Notice } from './Notice';

const CONTROLS = ['next', 'back', 'help', 'end', 'send', 'change'] as const;
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,62}$/;

/** Point at a control on the kiosk: it lights up there for the resident. */
export function GuidePanel({ requestId, snapshot }: { requestId: string; snapshot: LiveSnapshot }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const selectId = useId();
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const stepId = snapshot.position.kind === 'step' ? snapshot.position.stepId : null;
  const fields = [
    ...new Set([
      ...((stepId && stepFields(snapshot.serviceId, stepId)) || []).map((entry) => entry.name),
      ...Object.keys(snapshot.answers),
    ]),
  ].filter((name) => FIELD_NAME.test(name));
  const [field, setField] = useState('');

  const point = async (target: GuideTargetValue, label: string) => {
    try {
      await api.call('POST /help/:requestId/guide', { requestId }, { target });
      setResult({ tone: 'success', text: t('assist.guide.shown', { control: label }) });
    } catch {
      setResult({ tone: 'error', text: t('error.generic') });
    }
  };

  return (
    <section className="panel" aria-labelledby="guide-title">
      <h2 id="guide-title">{t('assist.guide.title')}</h2>
      <p>{t('assist.guide.intro')}</p>
      <div className="button-row">
        {CONTROLS.map((control) => (
          <Button
            key={control}
            className="button button--secondary"
            onPress={() => void point(control, t(`assist.guide.control.${control}`))}
          >
            {t(`assist.guide.control.${control}`)}
          </Button>
        ))}
      </div>
      {fields.length > 0 && (
        <div className="form form--inline">
          <div className="field">
            <label className="field-label" htmlFor={selectId}>
              {t('assist.guide.field')}
            </label>
            <select
              id={selectId}
              className="input select"
              value={field}
              onChange={(event) => setField(event.target.value)}
            >
              <option value="">{t('assist.guide.fieldPlaceholder')}</option>
              {fields.map((name) => (
                <option key={name} value={name}>
                  {fieldLabel(snapshot.serviceId, name)}
                </option>
              ))}
            </select>
          </div>
          <Button
            className="button button--secondary"
            isDisabled={!field}
            onPress={() => void point(`field:${field}`, fieldLabel(snapshot.serviceId, field))}
          >
            {t('assist.guide.showField')}
          </Button>
        </div>
      )}
      {result && <Notice tone={result.tone}>{result.text}</Notice>}
    </section>
  );
}
