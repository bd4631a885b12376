import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssist } from './context';

/** Small, always visible while help is on its way: "Hilfe ist unterwegs" / "Frau Meyer kommt". */
export const HelpStatus = memo(function HelpStatus() {
  const { t } = useTranslation();
  const { help } = useAssist();
  const coming = help.status !== 'unavailable' && help.status !== 'idle';
  return (
    <p className="help-status" role="status">
      {coming && (
        <span className="help-status__pill">
          {help.staffName && help.status !== 'waiting'
            ? t('assist.status.accepted', { name: help.staffName })
            : t('assist.status.waiting')}
        </span>
      )}
    </p>
  );
});
