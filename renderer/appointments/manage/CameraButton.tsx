import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice';

/** "Code der Kamera zeigen" under the code field (issue 16); typing the code always works beside it. */
export function CameraButton({ failed, focus, onOpen }: { failed: boolean; focus: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="camera-open">
      {failed && <Notice tone="problem" text={t('manageCamera.failed')} />}
      <Button className="button button--secondary" onPress={onOpen} data-testid="camera-open" autoFocus={focus}>
        {t('manageCamera.open')}
      </Button>
    </div>
  );
}
