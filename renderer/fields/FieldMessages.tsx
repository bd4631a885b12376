import { Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/** Hint then error, both wired to the input's aria-describedby by react-aria's slots. */
export function FieldMessages({ hint, error }: { hint?: string; error?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {hint && (
        <Text slot="description" className="hint">
          {hint}
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
