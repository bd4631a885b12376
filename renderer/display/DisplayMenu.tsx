import { useId, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/context';
import { KioskModal } from '../components/KioskModal';
import { CONTRASTS, TEXT_SIZES, type Contrast, type TextSize } from './settings';

const TEXT_SIZE_KEYS: Record<TextSize, string> = {
  normal: 'display.textSizeNormal',
  large: 'display.textSizeLarge',
  xlarge: 'display.textSizeXLarge',
};

const CONTRAST_KEYS: Record<Contrast, string> = {
  normal: 'display.contrastNormal',
  high: 'display.contrastHigh',
};

/**
 * "Anzeige": one compact header control that opens a dialog with text size and contrast.
 * A choice takes effect at once, behind the open dialog, so the resident sees what it does.
 */
export function DisplayMenu() {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const [isOpen, setOpen] = useState(false);
  const sizeHeadingId = useId();
  const contrastHeadingId = useId();
  const { display } = state;
  return (
    <>
      <Button className="header-button" onPress={() => setOpen(true)}>
        <span className="header-button__aa" aria-hidden="true">
          A<span>A</span>
        </span>
        {t('display.button')}
      </Button>
      <KioskModal title={t('display.dialogTitle')} isOpen={isOpen} onOpenChange={setOpen}>
        <h4 className="dialog-subheading" id={sizeHeadingId}>
          {t('display.textSizeHeading')}
        </h4>
        <ul className="option-list" aria-labelledby={sizeHeadingId}>
          {TEXT_SIZES.map((size, index) => (
            <li key={size}>
              <Button
                className="option-button"
                aria-pressed={display.textSize === size}
                autoFocus={display.textSize === size}
                onPress={() => actions.setDisplay({ ...display, textSize: size })}
              >
                <span className="option-button__check" aria-hidden="true">
                  {display.textSize === size ? '✓' : ''}
                </span>
                <span className={`option-button__sample option-button__sample--${index}`} aria-hidden="true">
                  A
                </span>
                {t(TEXT_SIZE_KEYS[size])}
              </Button>
            </li>
          ))}
        </ul>
        <h4 className="dialog-subheading" id={contrastHeadingId}>
          {t('display.contrastHeading')}
        </h4>
        <ul className="option-list" aria-labelledby={contrastHeadingId}>
          {CONTRASTS.map((contrast) => (
            <li key={contrast}>
              <Button
                className={`option-button option-button--contrast-${contrast}`}
                aria-pressed={display.contrast === contrast}
                onPress={() => actions.setDisplay({ ...display, contrast })}
              >
                <span className="option-button__check" aria-hidden="true">
                  {display.contrast === contrast ? '✓' : ''}
                </span>
                {t(CONTRAST_KEYS[contrast])}
              </Button>
            </li>
          ))}
        </ul>
        <p className="dialog-text">{t('display.resetNote')}</p>
        <div className="button-group">
          <Button className="button button--secondary" onPress={() => setOpen(false)}>
            {t('display.close')}
          </Button>
        </div>
      </KioskModal>
    </>
  );
}
