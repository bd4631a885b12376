import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSpeech } from '../speech/context';
import { bannerLines, bannerPhase, bannerScript } from './assist-scripts';
import { useAssist } from './context';

/**
 * Visible for as long as a help request is open, over the page and not under a dialog, so the resident
 * sees staff's pointer ring and their filling-in (issue 14): while waiting and after staff accepted, "Bitte
 * bleiben Sie hier am Gerät" and "Hilfe beenden"; while staff watch or fill in, who, and "Zusehen beenden".
 * Each button says what it ends. Changes of the help state are spoken once (the resident may not be looking).
 */
export function AssistBanner() {
  const { t } = useTranslation();
  const assist = useAssist();
  const speech = useSpeech();
  const { help } = assist;
  const phase = bannerPhase(help);

  // Spoken on a change of what the banner says only (not on a language switch).
  const previous = useRef(phase);
  useEffect(() => {
    const before = previous.current;
    previous.current = phase;
    if (phase === before || phase === 'none') return;
    speech.speak(bannerScript(t, help));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase, speech]);

  if (phase === 'none') return null;
  const watching = phase === 'viewing' || phase === 'takeover';
  const lines = bannerLines(t, help);
  return (
    <section
      className={`assist-banner assist-banner--${phase}`}
      aria-label={t('assist.banner.label')}
      ref={keepRoomFor}
    >
      <div className="assist-banner__inner">
        <span className="assist-banner__icon" aria-hidden="true">
          ◉
        </span>
        <div className="assist-banner__text" role="status">
          {lines.map((line) => (
            <p key={line} className="assist-banner__line">
              {line}
            </p>
          ))}
        </div>
        <Button
          className="button button--warning assist-banner__stop"
          onPress={() => void (watching ? assist.stopAssist() : assist.cancel())}
        >
          {t(watching ? 'helpBanner.endViewing' : 'helpBanner.endHelp')}
        </Button>
      </div>
    </section>
  );
}

const HEIGHT_PROPERTY = '--assist-banner-height';

/**
 * The banner stays at the top of the screen over the page: its height goes into the page's
 * scroll padding (styles/assist.css), so a control scrolled into view is never hidden under it.
 */
function keepRoomFor(banner: HTMLElement | null): (() => void) | undefined {
  if (!banner) return undefined;
  const root = document.documentElement;
  const measure = () =>
    root.style.setProperty(HEIGHT_PROPERTY, `${Math.ceil(banner.getBoundingClientRect().height)}px`);
  measure();
  const observer = new ResizeObserver(measure);
  observer.observe(banner);
  return () => {
    observer.disconnect();
    root.style.removeProperty(HEIGHT_PROPERTY);
  };
}
