import jsQR from 'jsqr';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice';
import { openCamera, SCAN_INTERVAL_MS, SCAN_WIDTH, stopCamera } from './camera';
import { bookingCodeFromQr } from './qr-booking-code';

/**
 * The live preview that reads a booking code's QR code (issue 16). Frames are drawn into a small canvas in this
 * page and decoded there; no frame is kept, stored or sent. The camera stops (all tracks) when a code is found,
 * on "Kamera schließen", and whenever this part leaves the page (back, found, idle reset).
 */
export function CameraScan({
  onCode,
  onClose,
  onFailed,
  onNotBookingCode,
  notBookingCode,
}: {
  onCode: (code: string) => void;
  onClose: () => void;
  onFailed: () => void;
  onNotBookingCode: () => void;
  notBookingCode: boolean;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The camera opens once per preview; the latest callbacks are read when a frame has something to say.
  const handlers = useRef({ onCode, onFailed, onNotBookingCode });
  useLayoutEffect(() => {
    handlers.current = { onCode, onFailed, onNotBookingCode };
  });
  const [ready, setReady] = useState(false);

  // The preview is where the resident looks now: its heading takes the focus, the whole part in sight.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let live = true;
    let lastOther = '';
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const stop = () => {
      live = false;
      if (timer) clearInterval(timer);
      stopCamera(stream);
      if (video.current) video.current.srcObject = null;
    };
    const scan = () => {
      const element = video.current;
      if (!element || !context || element.readyState < element.HAVE_CURRENT_DATA || !element.videoWidth) return;
      const scale = Math.min(1, SCAN_WIDTH / element.videoWidth);
      canvas.width = Math.round(element.videoWidth * scale);
      canvas.height = Math.round(element.videoHeight * scale);
      context.drawImage(element, 0, 0, canvas.width, canvas.height);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
      if (!found) return;
      const code = bookingCodeFromQr(found.data);
      if (code) {
        stop();
        handlers.current.onCode(code);
      } else if (found.data !== lastOther) {
        // Said once per other QR code held up, not every frame.
        lastOther = found.data;
        handlers.current.onNotBookingCode();
      }
    };
    openCamera().then(
      (opened) => {
        stream = opened;
        if (!live || !video.current) return stopCamera(opened);
        video.current.srcObject = opened;
        void video.current.play().catch(() => undefined);
        setReady(true);
        timer = setInterval(scan, SCAN_INTERVAL_MS);
      },
      () => live && handlers.current.onFailed(),
    );
    return stop;
  }, []);

  return (
    <section className="camera-scan" aria-labelledby="camera-scan-title" data-testid="camera-scan">
      <h2 id="camera-scan-title" className="section-heading" ref={heading} tabIndex={-1}>
        {t('manageCamera.title')}
      </h2>
      {notBookingCode && <Notice tone="problem" text={t('manageCamera.notBookingCode')} />}
      <p className="lead">{t('manageCamera.guidance')}</p>
      <video
        ref={video}
        className="camera-scan__preview"
        aria-label={t('manageCamera.preview')}
        data-ready={ready}
        muted
        playsInline
      />
      <p>{t('manageCamera.privacy')}</p>
      <Button className="button button--secondary" onPress={onClose} data-testid="camera-close">
        {t('manageCamera.close')}
      </Button>
    </section>
  );
}
