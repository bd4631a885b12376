import type { Session, WebContents } from 'electron';
import {
  onBeforeInput,
  onWillAttachWebview,
  onWillDownload,
  onWillNavigate,
  onWillRedirect,
  permissionCheckHandler,
  permissionRequestHandler,
  windowOpenHandler,
} from './lockdown';

/** For every web contents (app.on('web-contents-created')): no navigation away, no windows, no webviews, no escape keys. */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => onWillNavigate(event, url));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => onWillRedirect(event));
  contents.on('will-attach-webview', (event) => onWillAttachWebview(event));
  contents.on('before-input-event', (event, input) => onBeforeInput(event, input));
  contents.on('zoom-changed', () => contents.setZoomLevel(0));
  contents.on('did-finish-load', () => {
    contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
    contents.setZoomLevel(0);
  });
  contents.setWindowOpenHandler(windowOpenHandler);
}

/** For the kiosk partition: every permission denied, downloads refused. */
export function lockDownSession(kioskSession: Session): void {
  kioskSession.setPermissionRequestHandler(permissionRequestHandler);
  kioskSession.setPermissionCheckHandler(permissionCheckHandler);
  kioskSession.setDevicePermissionHandler(() => false);
  kioskSession.on('will-download', (event) => onWillDownload(event));
}
