import { memo } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/** GOV.UK back link, as a button because it asks the core to move. Memoised: a page passes a stable onPress. */
export const BackLink = memo(function BackLink({ onPress }: { onPress: () => void }) {
  const { t } = useTranslation();
  return (
    <Button className="back-link" onPress={onPress} data-guide="back">
      <span className="back-link__chevron" aria-hidden="true" />
      {t('nav.back')}
    </Button>
  );
});
