import { useTranslation } from 'react-i18next';

/** GOV.UK warning text: something the resident must know before going on (emergency numbers). */
export function WarningText({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <div className="warning-text">
      <span className="warning-text__icon" aria-hidden="true">
        !
      </span>
      <p className="warning-text__text">
        <span className="visually-hidden">{t('servicePages.warning')}: </span>
        {text}
      </p>
    </div>
  );
}
