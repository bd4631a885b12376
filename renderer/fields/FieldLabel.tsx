import { Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { FieldViewProps } from './types';

/**
 * A plain element instead of react-aria's Label, for the inputs that wire their ids themselves (native-field.ts):
 * `label` with htmlFor for a text input, `span` for a radio group named by aria-labelledby.
 */
export interface NativeLabel {
  id: string;
  htmlFor?: string;
}

/** The label, with "(optional)" written out; on a one-field step it sits inside the page's h1. */
export function FieldLabel({
  field,
  namespace,
  heading,
  headingRef,
  native,
}: Pick<FieldViewProps, 'field' | 'namespace' | 'heading' | 'headingRef'> & { native?: NativeLabel }) {
  const { t } = useTranslation();
  const text = heading ?? (field.labelKey ? t(field.labelKey, { ns: namespace }) : '');
  const className = heading ? 'label label--heading' : 'label';
  const content = (
    <>
      {text}
      {field.optional && <span className="label__optional"> {t('field.optional')}</span>}
    </>
  );
  const label = !native ? (
    <Label className={className}>{content}</Label>
  ) : native.htmlFor ? (
    <label className={className} id={native.id} htmlFor={native.htmlFor}>
      {content}
    </label>
  ) : (
    <span className={className} id={native.id}>
      {content}
    </span>
  );
  if (heading === undefined) return label;
  return (
    <h1 className="page-heading page-heading--label" ref={headingRef} tabIndex={-1}>
      {label}
    </h1>
  );
}
