import { Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { FieldViewProps } from './types';

/** The label, with "(optional)" written out; on a one-field step it sits inside the page's h1. */
export function FieldLabel({
  field,
  namespace,
  heading,
  headingRef,
}: Pick<FieldViewProps, 'field' | 'namespace' | 'heading' | 'headingRef'>) {
  const { t } = useTranslation();
  const text = heading ?? (field.labelKey ? t(field.labelKey, { ns: namespace }) : '');
  const label = (
    <Label className={heading ? 'label label--heading' : 'label'}>
      {text}
      {field.optional && <span className="label__optional"> {t('field.optional')}</span>}
    </Label>
  );
  if (heading === undefined) return label;
  return (
    <h1 className="page-heading page-heading--label" ref={headingRef} tabIndex={-1}>
      {label}
    </h1>
  );
}
