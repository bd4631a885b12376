import { memo, useCallback, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSpeech } from '../speech/context';
import { SpeakerIcon } from './SpeakerIcon';
import { SpeechSettings } from './SpeechSettings';

/**
 * At the foot of every screen: the caption of the sentence being spoken,
 * "Vorlesen" and the speech settings. The caption repeats what the page shows,
 * so it is not a live region (a screen reader would say everything twice), but
 * it is not hidden either: what is on screen stays readable by every means.
 * data-speech-status and data-speech-plays let tests observe playback.
 */
export const SpeechBar = memo(function SpeechBar() {
  const { t } = useTranslation();
  const speech = useSpeech();
  const { player } = speech;
  const subscribe = useCallback((listener: () => void) => player.subscribe(listener), [player]);
  const state = useSyncExternalStore(subscribe, () => player.state);
  const speaking = state.status === 'playing' && state.sentence !== '';
  const barRef = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => keepRoomFor(barRef.current), []);
  return (
    <section
      ref={barRef}
      className="speech-bar"
      aria-label={t('speech.regionLabel')}
      data-speech-status={state.status}
      data-speech-plays={state.plays}
    >
      <div className="speech-bar__inner">
        <div className="speech-bar__caption">
          <span className="visually-hidden">{t('speech.captionLabel')}: </span>
          {speaking ? (
            <mark className="speech-bar__sentence">{state.sentence}</mark>
          ) : (
            <span className="speech-bar__idle">{t('speech.captionIdle')}</span>
          )}
        </div>
        <div className="speech-bar__actions">
          <Button className="button button--primary speech-bar__read" onPress={() => speech.repeat()}>
            <SpeakerIcon />
            <span className="speech-bar__text">{t('speech.readAloud')}</span>
          </Button>
          <SpeechSettings />
        </div>
      </div>
    </section>
  );
});

const HEIGHT_PROPERTY = '--speech-bar-height';

/**
 * The bar stays at the foot of the screen over the page: its height goes into the page's
 * scroll padding (styles/keyboard.css), so that a control scrolled into view, "Weiter" above
 * all, comes to rest above the bar instead of under it.
 */
function keepRoomFor(bar: HTMLElement | null): (() => void) | undefined {
  if (!bar) return undefined;
  const root = document.documentElement;
  // From the observer only, which reports the first size after layout and before paint: measuring
  // here would force a layout in the middle of React's commit, before the rest of the page is in.
  const observer = new ResizeObserver(([entry]) => {
    const height = `${Math.ceil(entry?.borderBoxSize[0]?.blockSize ?? bar.getBoundingClientRect().height)}px`;
    // A custom property on the root restyles the whole page: set it only when the height changed.
    if (root.style.getPropertyValue(HEIGHT_PROPERTY) !== height) root.style.setProperty(HEIGHT_PROPERTY, height);
  });
  observer.observe(bar);
  return () => {
    observer.disconnect();
    root.style.removeProperty(HEIGHT_PROPERTY);
  };
}
