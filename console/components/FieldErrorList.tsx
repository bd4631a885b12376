import { useTranslation } from 'react-i18next';
import { fieldLabel, fieldOf } from '../lib/catalog';
import { fieldErrorText } from '../lib/field-errors';

/** The fields a core refused, by their label and in plain words (also shown at each control). */
export function FieldErrorList({
  serviceId,
  fieldErrors,
}: {
  serviceId: string;
  fieldErrors: readonly { field: string; code: string }[];
}) {
  const { t } = useTranslation();
  if (fieldErrors.length === 0) return null;
  return (
    <ul>
      {fieldErrors.map((entry) => (
        <li key={entry.field}>
          {t('assist.takeover.fieldError', {
            field: fieldLabel(serviceId, entry.field),
            message: fieldErrorText(t, entry.code, fieldOf(serviceId, entry.field)),
          })}
        </li>
      ))}
    </ul>
  );
}
