import type { Ref } from 'react';
import type { Field } from '../../contract';
import type { DraftValue } from './draft';

/** What every field component receives. */
export interface FieldViewProps {
  field: Field;
  /** i18next namespace of the service (svc-<id>). */
  namespace: string;
  value: DraftValue;
  onChange: (value: DraftValue) => void;
  /** Translated error text, shown above the input (GOV.UK). */
  error?: string;
  /** The error's code (contract FIELD_ERROR_CODES): a date marks only the part it is about. */
  errorCode?: string;
  /** For a one-field step the question is the label and the page's h1 … */
  heading?: string;
  /** … and this ref receives the h1, which takes focus on a new page. */
  headingRef?: Ref<HTMLHeadingElement>;
  /** Hint under the label (field hint, or the step hint on a one-field step). */
  hint?: string;
}
