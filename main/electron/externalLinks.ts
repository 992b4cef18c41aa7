/**
 * Links in customer messages are data: the app never opens them inside its own window. An http(s) link
 * goes to the user's browser, and only after they confirm the exact address.
 */
export function externalLinkTarget(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // user:pass@host is a classic way to disguise where a link really goes.
  if (url.username || url.password) return null;
  return url.href;
}

export interface LinkOpener {
  /** Resolves true when the user chose to open the address. */
  confirm(address: string): Promise<boolean>;
  openExternal(address: string): Promise<void>;
}

/** Returns what happened, so callers and tests can tell a refused link from an opened one. */
export async function openLinkAfterConfirmation(raw: string, opener: LinkOpener): Promise<'opened' | 'declined' | 'refused'> {
  const address = externalLinkTarget(raw);
  if (!address) return 'refused';
  if (!(await opener.confirm(address))) return 'declined';
  await opener.openExternal(address);
  return 'opened';
}
