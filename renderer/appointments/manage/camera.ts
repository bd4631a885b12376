import { useEffect, useState } from 'react';

/**
 * Whether this terminal has a camera to read a booking code's QR code from (issue 16). Asked of the browser once
 * per code page and again when a device comes or goes; `enabled` false (branding.json `codeCamera: false`) never asks.
 */
export function useHasCamera(enabled: boolean): boolean {
  const [has, setHas] = useState(false);
  useEffect(() => {
    const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (!enabled || !devices?.enumerateDevices) return;
    let live = true;
    const check = () =>
      void devices
        .enumerateDevices()
        .then((list) => live && setHas(list.some((device) => device.kind === 'videoinput')))
        .catch(() => live && setHas(false));
    check();
    devices.addEventListener('devicechange', check);
    return () => {
      live = false;
      devices.removeEventListener('devicechange', check);
    };
  }, [enabled]);
  return has;
}

/** The user-facing camera, video only, small: a QR code on a slip needs no more. */
export function openCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
  });
}

/** Every track stopped: the camera's light goes out and nothing more is captured. */
export function stopCamera(stream: MediaStream | undefined): void {
  stream?.getTracks().forEach((track) => track.stop());
}

/** Frames are read this often; a slip held up stays still for far longer. */
export const SCAN_INTERVAL_MS = 150;
/** Frames are scaled down to this width before decoding: enough for a QR code held up close, cheap on the CPU. */
export const SCAN_WIDTH = 400;
