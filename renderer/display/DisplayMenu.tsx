import { memo, useId } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useKioskActions, useKioskSettings } from '../app/context';
import { MenuDialog } from '../components/MenuDialog';
import { displayScript } from '../speech/dialog-scripts';
import { CONTRAST_KEYS, CONTRASTS, TEXT_SIZE_KEYS, TEXT_SIZES } from './settings';

/**
 * "Anzeige": one compact header control that opens a dialog with text size and contrast.
 * A choice takes effect at once, behind the open dialog, so the resident sees what it does.
 */
export const DisplayMenu = memo(function DisplayMenu() {
  const { t } = useTranslation();
  const actions = useKioskActions();
  const { display } = useKioskSettings();
  const sizeHeadingId = useId();
  const contrastHeadingId = useId();
  return (
    <MenuDialog
      triggerClassName="header-button"
      trigger={
        <>
          <span className="header-button__aa" aria-hidden="true">
            A<span>A</span>
          </span>
          {t('display.button')}
        </>
      }
      title={t('display.dialogTitle')}
      closeLabel={t('display.close')}
      speechName="display"
      speech={() => displayScript(t, display)}
    >
      {() => (
        <>
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
        </>
      )}
    </MenuDialog>
  );
});
