/**
 * The desktop window's policy: only the bundled files of the app itself. No inline or evaluated script,
 * no remote origin of any kind, no plugins, frames or workers. Inline styles stay allowed because React
 * and the chart library set style attributes. The contract travels over IPC, so no network is needed.
 */
export function desktopContentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Response headers with our policy replacing any other (header names are case-insensitive). */
export function withContentSecurityPolicy(
  headers: Record<string, string[] | string> | undefined,
  policy: string,
): Record<string, string[]> {
  const next: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    next[name] = Array.isArray(value) ? value : [value];
  }
  next['Content-Security-Policy'] = [policy];
  return next;
}
