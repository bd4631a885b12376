/** Browser kiosk mode: the page's own print, for a PDF the core made. */

const LOAD_TIMEOUT_MS = 15_000;

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Shows the PDF in a hidden frame from a blob: URL (Chromium prints a PDF
 * only from its viewer, which needs a frame) and calls print() on it.
 * Resolves with a cleanup that removes the frame and frees the URL: the
 * frame has to stay while the print system still reads from it, so the
 * caller drops it on the next print or when the page goes.
 */
export function printPdfInFrame(bytes: Uint8Array<ArrayBuffer>, title: string): Promise<() => void> {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const frame = document.createElement('iframe');
  frame.className = 'print-frame';
  frame.title = title;
  const cleanup = () => {
    frame.remove();
    URL.revokeObjectURL(url);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error('the receipt frame did not load'));
    }, LOAD_TIMEOUT_MS);
    frame.addEventListener(
      'load',
      () => {
        clearTimeout(timer);
        try {
          // Throws when the frame was blocked (it then holds a cross-origin error page).
          const view = frame.contentWindow;
          if (!view) throw new Error('the receipt frame has no window');
          view.print();
          resolve(cleanup);
        } catch (error) {
          cleanup();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
      { once: true },
    );
    frame.src = url;
    document.body.append(frame);
  });
}
