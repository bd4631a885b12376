import type { Ref } from 'react';
import { Button, Input, Label, SearchField, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/**
 * The finder's field: typed on the on-screen keyboard (it opens on a tap, as for every text field) or a
 * physical one. "Löschen" and Escape empty it.
 */
export function SearchBox({
  value,
  onChange,
  rowRef,
}: {
  value: string;
  onChange: (value: string) => void;
  /** The field's row: what comes to the top of the screen while results are typed for. */
  rowRef?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  return (
    <SearchField className="finder-search" value={value} onChange={onChange}>
      <Label className="label">{t('finder.searchLabel')}</Label>
      <Text slot="description" className="hint">
        {t('finder.searchHint')}
      </Text>
      <div className="finder-search__row" ref={rowRef}>
        <Input className="input finder-search__input" autoComplete="off" spellCheck={false} />
        {/* The clear button's name is its visible text: react-aria would name it in its own words. */}
        {value !== '' && (
          <Button className="button button--secondary finder-search__clear" aria-label={t('finder.clearSearch')}>
            {t('finder.clearSearch')}
          </Button>
        )}
      </div>
    </SearchField>
  );
}
