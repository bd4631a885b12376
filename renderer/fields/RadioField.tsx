import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldLabel } from './FieldLabel';
import { FieldMessages } from './FieldMessages';
import { describedBy, useNativeFieldIds } from './native-field';
import type { FieldViewProps } from './types';

/** Hidden but there for touch, mouse and screen readers; the stylesheet stretches it over the whole box. */
const HIDDEN_INPUT: CSSProperties = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  clipPath: 'inset(50%)',
  height: 1,
  margin: -1,
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  width: 1,
  whiteSpace: 'nowrap',
};

/**
 * One of several options, as large touch targets with an optional hint per option. Native radios in a
 * radiogroup named by the question (the browser moves between them with the arrow keys), not
 * react-aria's RadioGroup: that one renders the whole group twice on each new page (native-field.ts).
 */
export function RadioField(props: FieldViewProps) {
  const { t } = useTranslation();
  const { field, namespace, error, hint } = props;
  const ids = useNativeFieldIds();
  const selected = typeof props.value === 'string' && props.value !== '' ? props.value : null;
  const groupDescription = describedBy(hint && ids.hint, error && ids.error);
  return (
    <div
      className={`form-group${error ? ' form-group--error' : ''}`}
      data-field-name={field.name}
      id={`field-${field.name}`}
      role="radiogroup"
      aria-orientation="vertical"
      aria-labelledby={ids.label}
      aria-describedby={groupDescription}
      aria-invalid={error ? true : undefined}
    >
      <FieldLabel
        field={field}
        namespace={namespace}
        heading={props.heading}
        headingRef={props.headingRef}
        native={{ id: ids.label }}
      />
      <FieldMessages hint={hint} error={error} ids={ids} />
      <div className="choices">
        {(field.options ?? []).map((option, index) => {
          const isSelected = option.value === selected;
          const optionHintId = `${ids.hint}-${index}`;
          return (
            <div key={option.value} className="choice choice--radio" data-selected={isSelected || undefined}>
              <label className="choice__button" data-selected={isSelected || undefined}>
                <span style={HIDDEN_INPUT}>
                  <input
                    type="radio"
                    name={field.name}
                    value={option.value}
                    checked={isSelected}
                    onChange={(event) => {
                      if (event.target.checked) props.onChange(option.value);
                    }}
                    aria-describedby={describedBy(option.hintKey && optionHintId, groupDescription)}
                  />
                </span>
                <span className="choice__control" aria-hidden="true" />
                <span className="choice__label">{t(option.labelKey, { ns: namespace })}</span>
              </label>
              {option.hintKey && (
                <span className="choice__hint" id={optionHintId}>
                  {t(option.hintKey, { ns: namespace })}
                </span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
