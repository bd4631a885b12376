import { useEffect, useId, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { KioskModal } from './KioskModal';

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
      </div>
    </KioskModal>
  );
}
