import { Button } from 'react-aria-components';
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
