import { Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/**
 * Hint then error, both wired to the input's aria-describedby by react-aria's slots. `note` is a second
 * line of the hint that the kiosk adds (Latin letters for names, who reads free text).
 */
export function FieldMessages({ hint, note, error }: { hint?: string; note?: string; error?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {(hint || note) && (
        <Text slot="description" className="hint">
          {hint}
          {hint && note && ' '}
          {note && <span className="hint__note">{note}</span>}
        </Text>
      )}
      {error && (
        <Text slot="errorMessage" className="error-message">
          <span className="visually-hidden">{t('errors.prefix')} </span>
          {error}
        </Text>
      )}
    </>
  );
}
