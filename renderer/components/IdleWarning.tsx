import { useEffect, useId, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSpeech } from '../speech/context';
import { idleCountdownScript, idleScript } from '../speech/scripts';
import { useScreenSpeech } from '../speech/useScreenSpeech';
import { KioskModal } from './KioskModal';
import { ReadAloudButton } from './ReadAloudButton';

/** Announce on opening, then only every this many seconds: a per-second announcement would drown everything. */
const ANNOUNCE_EVERY_S = 10;

/** "Sind Sie noch da?" with the seconds left; one big button keeps the session. */
export function IdleWarning({ remainingMs, onContinue }: { remainingMs: number; onContinue: () => void }) {
  const { t } = useTranslation();
  const textId = useId();
  const seconds = Math.ceil(remainingMs / 1000);
  const [initial] = useState(seconds);
  // The live text changes only on opening and at each multiple of ten seconds: 22 … 20 … 10.
  const announced =
    seconds >= initial ? initial : Math.min(initial, Math.ceil(seconds / ANNOUNCE_EVERY_S) * ANNOUNCE_EVERY_S);
  // The live region is rendered empty first, so that the first message is announced too.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setReady(true), 100);
    return () => clearTimeout(timer);
  }, []);

  // Spoken when it opens (the resident may not be looking), then the countdown at each ten seconds.
  const speech = useSpeech();
  useScreenSpeech('idle', idleScript(t, seconds));
  const lastSpoken = useRef(initial);
  useEffect(() => {
    if (announced >= lastSpoken.current) return;
    lastSpoken.current = announced;
    speech.speak(idleCountdownScript(t, announced));
  }, [announced, speech, t]);

  return (
    <KioskModal
      title={t('idle.title')}
      isOpen
      role="alertdialog"
      describedBy={textId}
      onOpenChange={(open) => {
        if (!open) onContinue();
      }}
      className="modal--idle"
    >
      <p className="dialog-text dialog-text--large" id={textId}>
        {t('idle.text', { seconds })}
      </p>
      <p className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {ready ? t('idle.text', { seconds: announced }) : ''}
      </p>
      <div className="button-group">
        <Button className="button button--primary button--wide" autoFocus onPress={onContinue}>
          {t('idle.continue')}
        </Button>
        <ReadAloudButton />
      </div>
    </KioskModal>
  );
}
