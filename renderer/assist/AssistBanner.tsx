import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSpeech } from '../speech/context';
import { bannerScript, acceptedScript } from './assist-scripts';
import { useAssist } from './context';

/**
 * Visible for as long as staff watch or fill in: who, and one tap to end it.
 * Changes of the help state are spoken once (the resident may not be looking).
 */
export function AssistBanner() {
  const { t } = useTranslation();
  const assist = useAssist();
  const speech = useSpeech();
  const { status, staffName } = assist.help;

  // Spoken on a change of state only (not on a language switch); "kommt zu Ihnen" only when it is news.
  const previous = useRef(status);
  useEffect(() => {
    const before = previous.current;
    previous.current = status;
    if (status === before) return;
    if ((status === 'viewing' || status === 'takeover') && staffName) speech.speak(bannerScript(t, status, staffName));
    else if (status === 'accepted' && before === 'waiting') speech.speak(acceptedScript(t, staffName));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status, staffName, speech]);

  if ((status !== 'viewing' && status !== 'takeover') || !staffName) return null;
  return (
    <section className="assist-banner" aria-label={t('assist.banner.label')} ref={keepRoomFor}>
      <div className="assist-banner__inner">
        <span className="assist-banner__icon" aria-hidden="true">
          ◉
        </span>
        <p className="assist-banner__text" role="status">
          {t(`assist.banner.${status}`, { name: staffName })}
        </p>
        <Button className="button button--warning assist-banner__stop" onPress={() => void assist.stopAssist()}>
          {t('assist.banner.stop')}
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
