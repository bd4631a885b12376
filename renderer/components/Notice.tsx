import { useTranslation } from 'react-i18next';

/** A calm, plain-language message (session ended, a technical problem); announced politely. */
export function Notice({ text, tone = 'info' }: { text: string; tone?: 'info' | 'problem' }) {
  const { t } = useTranslation();
  return (
    <div className={`notice notice--${tone}`} role="status">
      <span className="notice__icon" aria-hidden="true">
        {tone === 'problem' ? '!' : 'i'}
      </span>
      <p className="notice__text">
        <span className="visually-hidden">{t('notice.label')}: </span>
        {text}
      </p>
    </div>
  );
}
