import type { Session, WebContents } from 'electron';
import type { Log } from '../engine/log.js';
import { desktopContentSecurityPolicy, withContentSecurityPolicy } from './contentSecurityPolicy.js';
import { createRendererRequestFilter } from './requestFilter.js';

/**
 * Session-wide rules: every response carries our CSP, every request outside the app's own app:// files is
 * cancelled, and every permission (camera, notifications, geolocation, USB…) and download is refused.
 */
export function hardenSession(session: Session, { log }: { log: Log }): void {
  const policy = desktopContentSecurityPolicy();
  const allowed = createRendererRequestFilter();
  session.webRequest.onBeforeRequest((details, callback) => {
    const permitted = allowed(details.url);
    if (!permitted) log.warn('blocked a request outside the app', { scheme: details.url.split(':', 1)[0] });
    callback({ cancel: !permitted });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

/**
 * Per-page rules: the window never navigates away from the app and never opens another window. A
 * clicked http(s) link is handed to openLink, which asks the user before the browser opens it.
 */
export function hardenWebContents(contents: WebContents, openLink: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openLink(url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openLink(url);
    return { action: 'deny' };
  });
}
