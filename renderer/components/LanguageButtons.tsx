import { memo } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/context';
import { languageEntry } from '../../contract/languages';
import type { LanguageCode } from '../../contract';

interface LanguageButtonsProps {
  languages: readonly LanguageCode[];
  current: string;
  onChoose: (language: LanguageCode) => void;
  autoFocusCurrent?: boolean;
}

/**
 * One button per language, each named in its own language and marked with its lang; never flags. The names come from the contract, as a language's texts are
 * loaded only when it is chosen.
 */
export function LanguageButtons({ languages, current, onChoose, autoFocusCurrent }: LanguageButtonsProps) {
  return (
    <ul className="language-list">
      {languages.map((code) => {
        const name = languageEntry(code).nativeName;
        const isCurrent = code === current;
        return (
          <li key={code}>
            <Button
              className="language-button"
              lang={code}
              aria-pressed={isCurrent}
              autoFocus={autoFocusCurrent && isCurrent}
              onPress={() => onChoose(code)}
            >
              <span className="language-button__check" aria-hidden="true">
                {isCurrent ? '✓' : ''}
              </span>
              {name}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}

/** The start screen's "Sprache wählen" section (also on the out-of-service screen): every language, the current one pressed. Memoised: typing in the search must not re-render it. */
export const StartLanguageSection = memo(function StartLanguageSection() {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  return (
    <section className="start__section" aria-labelledby="language-heading">
      <h2 className="section-heading" id="language-heading">
        {t('start.languageHeading')}
      </h2>
      <LanguageButtons
        languages={state.info?.languages ?? []}
        current={state.startLanguage}
        onChoose={(language) => void actions.chooseStartLanguage(language)}
      />
    </section>
  );
});
