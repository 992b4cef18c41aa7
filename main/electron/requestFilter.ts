import { pathToFileURL } from 'node:url';

/**
 * The window may load the built renderer's own files and inline data: images, nothing else: no remote
 * content, and no other file on disk (an injected <img src="file:///…"> gets nothing). devtools: is
 * allowed for development builds; packaged builds have devtools switched off.
 */
export function createRendererRequestFilter(rendererDir: string): (url: string) => boolean {
  const rendererRoot = pathToFileURL(rendererDir.endsWith('/') ? rendererDir : `${rendererDir}/`).href;
  return (raw: string) => {
    let url: URL;
    try {
      url = new URL(raw); // normalises ../ and %2e%2e segments before the prefix check
    } catch {
      return false;
    }
    if (url.protocol === 'data:' || url.protocol === 'devtools:') return true;
    return url.protocol === 'file:' && url.href.startsWith(rendererRoot);
  };
}
