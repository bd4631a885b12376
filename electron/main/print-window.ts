import { BrowserWindow, session } from 'electron';
import type { PrinterInfo, PrintWindowLike } from './receipt-printer';

/** The roll's width in CSS pixels (80 mm at 96 px per inch): the page lays out as on paper. */
const ROLL_WIDTH_PX = Math.round((80 / 25.4) * 96);
/** In memory, and no request may leave it: the receipt page is self-contained (render-html.ts). */
const PRINT_PARTITION = 'kiosk-print';
let partitionLocked = false;

function printSession() {
  const printing = session.fromPartition(PRINT_PARTITION, { cache: false });
  if (!partitionLocked) {
    partitionLocked = true;
    printing.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
    printing.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    printing.setPermissionCheckHandler(() => false);
  }
  return printing;
}

/**
 * A hidden window for one print job (receipt-printer.ts decides and prints). JavaScript is on only
 * so the main process can measure the page for the roll's length; the page's own CSP allows no script.
 */
export function openPrintWindow(): PrintWindowLike {
  const window = new BrowserWindow({
    show: false,
    width: ROLL_WIDTH_PX,
    height: 800,
    webPreferences: {
      session: printSession(),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: true,
      webSecurity: true,
      spellcheck: false,
      devTools: false,
    },
  });
  const contents = window.webContents;
  return {
    getPrinters: async () => (await contents.getPrintersAsync()) as PrinterInfo[],
    async load(html) {
      await contents.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
      // Fonts are inline data: wait until they are applied, or the page would be measured in the fallback font.
      await contents.executeJavaScript('document.fonts.ready.then(() => true)');
    },
    contentHeight: async () =>
      Number(await contents.executeJavaScript('Math.ceil(document.documentElement.getBoundingClientRect().height)')),
    print: (options, callback) => contents.print(options, callback),
    close: () => {
      if (!window.isDestroyed()) window.destroy();
    },
  };
}
