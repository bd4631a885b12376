import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/context';
import {
  caretAtStart,
  clearField,
  deleteBackward,
  insertText,
  moveCaret,
  nextTextField,
  revealAboveKeyboard,
} from './editing';
import {
  EMAIL_KEYS,
  LETTER_PUNCTUATION,
  NUMERIC_ROWS,
  TEL_EXTRAS,
  CODE_EXTRAS,
  layoutChoices,
  letterLayout,
  padForField,
  wantsCapitalAtStart,
  wantsLatin,
  type LayoutId,
  type PadKind,
} from './layouts';
import { afterPointerRelease } from './pointer-release';
import { pressHandlers } from './touch-press';
import { useKeyboardTarget } from './useKeyboardTarget';

/** The page keeps this much room at the bottom, and scrolls the field above it. */
const HEIGHT_PROPERTY = '--osk-height';

/** Keys never take focus: the field keeps it, so the caret, react-aria and a physical keyboard go on working. */
function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}

interface KeyProps {
  label: ReactNode;
  /** Accessible name, when the key shows a symbol rather than its name. */
  name?: string;
  onPress: () => void;
  className?: string;
  pressed?: boolean;
  lang?: string;
  disabled?: boolean;
  /** A key that types: by touch it types when the finger leaves it (touch-press.ts). */
  typesOnRelease?: boolean;
}

/**
 * A key: a real <button> with a name, out of the tab order (tabIndex -1). A keyboard user has a
 * physical keyboard, so the on-screen keys would only make every Tab journey longer.
 */
function Key({ label, name, onPress, className, pressed, lang, disabled, typesOnRelease }: KeyProps) {
  return (
    <button
      type="button"
      tabIndex={-1}
      className={`osk__key${className ? ` ${className}` : ''}`}
      aria-label={name}
      aria-pressed={pressed}
      lang={lang}
      disabled={disabled}
      onMouseDown={keepFocus}
      {...(typesOnRelease ? pressHandlers(onPress) : { onClick: onPress })}
    >
      {label}
    </button>
  );
}

/**
 * The kiosk's own keyboard: operating-system keyboards do not show reliably over a fullscreen window.
 * Letters in the session's language (switchable, e.g. to Latin letters for an e-mail address), a number
 * pad for numbers, postcodes and dates, a phone pad. It types into the focused react-aria field.
 */
export function OnScreenKeyboard() {
  const { t } = useTranslation();
  const { state } = useKiosk();
  const target = useKeyboardTarget();
  const language = state.view?.language ?? state.startLanguage;
  const sessionId = state.view?.sessionId ?? null;
  const [shift, setShift] = useState(false);
  // A switched layout holds for this resident and language only.
  const scope = `${sessionId ?? 'start'}:${language}`;
  const [choice, setChoice] = useState<{ scope: string; id: LayoutId } | null>(null);
  const chosenLayout = choice?.scope === scope ? choice.id : null;
  const panelRef = useRef<HTMLElement | null>(null);
  const [height, setHeight] = useState(0);

  const { field, isOpen } = target;
  const pad: PadKind = field ? padForField(field) : 'letters';
  const latinOnly = field ? wantsLatin(field) : false;

  // Names, streets and towns: Shift is on while the caret is at the start, so the first letter is a capital.
  useEffect(() => {
    if (!field || !isOpen || !wantsCapitalAtStart(field)) return;
    const check = () => {
      if (document.activeElement === field && caretAtStart(field)) setShift(true);
    };
    check();
    field.addEventListener('input', check);
    document.addEventListener('selectionchange', check);
    return () => {
      field.removeEventListener('input', check);
      document.removeEventListener('selectionchange', check);
    };
  }, [field, isOpen]);

  // Room at the bottom of the page for the keyboard (or its show button), so nothing hides behind it.
  const hasField = field !== null;
  useLayoutEffect(() => {
    const panel = panelRef.current;
    const root = document.documentElement;
    if (!hasField || !panel) {
      return afterPointerRelease(() => {
        root.style.removeProperty(HEIGHT_PROPERTY);
        setHeight(0);
      });
    }
    const measure = () => {
      const next = Math.max(0, Math.ceil(window.innerHeight - panel.getBoundingClientRect().top));
      root.style.setProperty(HEIGHT_PROPERTY, `${next}px`);
      setHeight(next);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(panel);
    // The room stays until the next state measures or gives it back (see above).
    return () => observer.disconnect();
  }, [hasField, isOpen, pad]);

  // The focused field stays in sight above the keyboard, also when the screen turns.
  useLayoutEffect(() => {
    if (!isOpen || !field || height <= 0) return;
    revealAboveKeyboard(field, height);
    const onResize = () => revealAboveKeyboard(field, height);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [isOpen, field, height]);

  if (!field) return null;
  if (!isOpen) {
    return (
      <button
        ref={(element) => {
          panelRef.current = element;
        }}
        type="button"
        tabIndex={-1}
        className="osk-show"
        onMouseDown={keepFocus}
        onClick={target.show}
      >
        <KeyboardIcon />
        {t('keyboard.show')}
      </button>
    );
  }

  const typeKey = (text: string) => {
    insertText(field, text);
    if (shift) setShift(false);
  };
  const next = nextTextField(field);
  const toolbar = (
    <div className="osk__toolbar">
      {(pad === 'letters' || pad === 'email') && (
        <LayoutSwitch
          language={language}
          pad={pad}
          latinOnly={latinOnly}
          chosen={chosenLayout}
          onChoose={(id) => {
            setChoice({ scope, id });
            setShift(false);
          }}
        />
      )}
      {next && (
        <Key
          className="osk__tool"
          label={t('keyboard.nextField')}
          onPress={() => next.focus({ preventScroll: true })}
        />
      )}
      <Key className="osk__tool" label={t('entry.keyClear')} onPress={() => clearField(field)} />
      <Key className="osk__tool osk__tool--end" label={t('keyboard.hide')} onPress={target.hide} />
      {field.form && (
        // "Weiter" on the keyboard itself: the same as the page's button (which stays in sight above it).
        <Key
          className="osk__tool osk__tool--continue"
          name={t('entry.keyContinueName', { name: t('nav.continue') })}
          label={
            <>
              {t('nav.continue')}
              <span className="button__arrow" aria-hidden="true" />
            </>
          }
          onPress={() => field.form?.requestSubmit()}
        />
      )}
    </div>
  );

  return (
    <section
      className={`osk osk--${pad}`}
      aria-label={t('keyboard.label')}
      dir="ltr"
      ref={(element) => {
        panelRef.current = element;
      }}
    >
      <div className="osk__inner">
        {toolbar}
        {pad === 'numeric' || pad === 'tel' || pad === 'code' ? (
          <NumberPad pad={pad} onType={typeKey} onDelete={() => deleteBackward(field)} />
        ) : (
          <LetterPad
            layoutId={currentLayout(language, pad, chosenLayout, latinOnly)}
            pad={pad}
            multiline={field instanceof HTMLTextAreaElement}
            shift={shift}
            onShift={() => setShift((value) => !value)}
            onType={typeKey}
            onDelete={() => deleteBackward(field)}
            onMove={(delta) => moveCaret(field, delta)}
          />
        )}
      </div>
    </section>
  );
}

function currentLayout(language: string, pad: PadKind, chosen: LayoutId | null, latinOnly = false): LayoutId {
  const choices = layoutChoices(language, pad, latinOnly);
  return chosen && choices.includes(chosen) ? chosen : choices[0]!;
}

function LayoutSwitch(props: {
  language: string;
  pad: PadKind;
  latinOnly: boolean;
  chosen: LayoutId | null;
  onChoose: (id: LayoutId) => void;
}) {
  const { t } = useTranslation();
  const choices = layoutChoices(props.language, props.pad, props.latinOnly);
  const current = currentLayout(props.language, props.pad, props.chosen, props.latinOnly);
  const other = choices.find((id) => id !== current) ?? current;
  const otherName = t(`keyboard.layouts.${other}`);
  return (
    <Key
      className="osk__tool"
      name={t('keyboard.switchLayout', { name: otherName })}
      label={
        <>
          <span aria-hidden="true">⇄</span>
          {otherName}
        </>
      }
      onPress={() => props.onChoose(other)}
    />
  );
}

interface LetterPadProps {
  layoutId: LayoutId;
  pad: PadKind;
  multiline: boolean;
  shift: boolean;
  onShift: () => void;
  onType: (text: string) => void;
  onDelete: () => void;
  onMove: (delta: number) => void;
}

/** A key drawn with its symbol and named in words underneath (Shift, Delete): not a symbol alone. */
function NamedSymbol({ symbol, name }: { symbol: string; name: string }) {
  return (
    <>
      <span className="osk__symbol" aria-hidden="true">
        {symbol}
      </span>
      <span className="osk__key-name">{name}</span>
    </>
  );
}

function LetterPad({ layoutId, pad, multiline, shift, onShift, onType, onDelete, onMove }: LetterPadProps) {
  const { t } = useTranslation();
  const layout = letterLayout(layoutId);
  const rows = shift && layout.shiftRows ? layout.shiftRows : layout.rows;
  const lang = layoutId;
  const charKey = (text: string) => (
    <Key key={text} label={text} lang={lang} onPress={() => onType(text)} typesOnRelease />
  );
  return (
    <div className="osk__keys" data-layout={layoutId}>
      {rows.map((row, index) => (
        <div className="osk__row" key={index}>
          {index === 3 && layout.shiftRows && (
            <Key
              className="osk__key--wide osk__key--named"
              pressed={shift}
              label={<NamedSymbol symbol="⇧" name={t('keyboard.shift')} />}
              onPress={onShift}
            />
          )}
          {row.map(charKey)}
          {index === 3 && (
            <Key
              className="osk__key--wide osk__key--named"
              label={<NamedSymbol symbol="⌫" name={t('keyboard.backspace')} />}
              onPress={onDelete}
            />
          )}
        </div>
      ))}
      <div className="osk__row">
        {pad === 'email' ? (
          EMAIL_KEYS.map(charKey)
        ) : (
          <>
            {LETTER_PUNCTUATION.before.map(charKey)}
            <Key name={t('entry.cursorLeft')} label={<span aria-hidden="true">◀</span>} onPress={() => onMove(-1)} />
            <Key
              className="osk__key--space"
              name={t('keyboard.space')}
              label={<span aria-hidden="true">␣</span>}
              onPress={() => onType(' ')}
              typesOnRelease
            />
            <Key name={t('entry.cursorRight')} label={<span aria-hidden="true">▶</span>} onPress={() => onMove(1)} />
            {LETTER_PUNCTUATION.after.map(charKey)}
            {multiline && (
              <Key
                className="osk__key--wide"
                name={t('keyboard.newLine')}
                label={<span aria-hidden="true">↵</span>}
                onPress={() => onType('\n')}
              />
            )}
          </>
        )}
      </div>
    </div>
  );
}

function NumberPad(props: { pad: PadKind; onType: (text: string) => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const tel = props.pad === 'tel';
  const code = props.pad === 'code';
  const digit = (text: string) => <Key key={text} label={text} onPress={() => props.onType(text)} typesOnRelease />;
  return (
    <div className={`osk__keys osk__numpad${tel ? ' osk__numpad--tel' : ''}${code ? ' osk__numpad--code' : ''}`}>
      {NUMERIC_ROWS.map((row, index) => (
        <div className="osk__row" key={index}>
          {row.map(digit)}
          {tel && digit(TEL_EXTRAS[index]!)}
          {code && CODE_EXTRAS[index]!.map(digit)}
        </div>
      ))}
      <div className="osk__row">
        {code && digit('-')}
        {tel && (
          <Key name={t('keyboard.space')} label={<span aria-hidden="true">␣</span>} onPress={() => props.onType(' ')} />
        )}
        {digit('0')}
        <Key
          className="osk__key--wide osk__key--named"
          label={<NamedSymbol symbol="⌫" name={t('keyboard.backspace')} />}
          onPress={props.onDelete}
        />
      </div>
    </div>
  );
}

function KeyboardIcon() {
  return (
    <svg className="osk-show__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <path d="M6 10h1M9 10h1M12 10h1M15 10h1M18 10h1M7 14h10" />
    </svg>
  );
}
