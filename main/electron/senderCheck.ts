/** Who sent an IPC call, reduced to the facts the check needs (so it is testable without Electron). */
export interface IpcSender {
  readonly webContentsId: number;
  /** URL of the sending frame; null when the frame is gone (navigated away or destroyed). */
  readonly frameUrl: string | null;
  readonly isMainFrame: boolean;
}

export interface TrustedWindow {
  readonly webContentsId: number;
  /** app:// URL of the renderer's index.html (appProtocol.ts). */
  readonly indexUrl: string;
}

/**
 * An IPC call is served only when it comes from the main frame of Tandem's own window while that frame
 * shows Tandem's own index.html. Anything else (a subframe, another window, a page that somehow got
 * navigated elsewhere) is refused, whatever it asks for. Query and fragment are ignored: the UI may route
 * with them, and they cannot change which file is loaded.
 */
export function isTrustedSender(sender: IpcSender, trusted: TrustedWindow): boolean {
  if (sender.webContentsId !== trusted.webContentsId || !sender.isMainFrame || !sender.frameUrl) return false;
  const frame = documentUrl(sender.frameUrl);
  const index = documentUrl(trusted.indexUrl);
  return frame !== null && index !== null && frame.protocol === 'app:' && frame.href === index.href;
}

function documentUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    url.hash = '';
    url.search = '';
    return url;
  } catch {
    return null;
  }
}
