import { Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { NativeFieldIds } from './native-field';

/**
 * Hint then error, both wired to the input's aria-describedby: by react-aria's slots, or with `ids` by the
 * input itself (the native fields, see native-field.ts). `note` is a second line of the hint that the kiosk
 * adds (Latin letters for names, who reads free text).
 */
export function FieldMessages({
  hint,
  note,
  error,
  ids,
}: {
  hint?: string;
  note?: string;
  error?: string;
  ids?: NativeFieldIds;
}) {
  const { t } = useTranslation();
  const hintContent = (
    <>
      {hint}
      {hint && note && ' '}
      {note && <span className="hint__note">{note}</span>}
    </>
  );
  const errorContent = (
    <>
      <span className="visually-hidden">{t('errors.prefix')} </span>
      {error}
    </>
  );
  return (
    <>
      {(hint || note) &&
        (ids ? (
          <span className="hint" id={ids.hint}>
            {hintContent}
          </span>
        ) : (
          <Text slot="description" className="hint">
            {hintContent}
          </Text>
        ))}
      {error &&
        (ids ? (
          <span className="error-message" id={ids.error}>
            {errorContent}
          </span>
        ) : (
          <Text slot="errorMessage" className="error-message">
            {errorContent}
          </Text>
        ))}
    </>
  );
}
