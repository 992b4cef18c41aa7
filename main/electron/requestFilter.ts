import { APP_HOST, APP_SCHEME } from './appProtocol.js';

/**
 * The window may load the app's own files from app://tandem/ (served from the built renderer folder by
 * appProtocol.ts) and inline data: images, nothing else: no remote content, and no file:// URL at all
 * (an injected <img src="file:///…"> gets nothing). devtools: is allowed for development builds;
 * packaged builds have devtools switched off.
 */
export function createRendererRequestFilter(): (url: string) => boolean {
  return (raw: string) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (url.protocol === 'data:' || url.protocol === 'devtools:') return true;
    // Node's URL gives custom schemes an opaque origin, so the scheme and host are compared directly.
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  };
}
