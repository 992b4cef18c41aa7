import { describe, expect, it } from 'vitest';
import { desktopContentSecurityPolicy, withContentSecurityPolicy } from '../../../main/electron/contentSecurityPolicy.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => {
    const [name = '', ...sources] = part.trim().split(/\s+/);
    return [name, sources];
  }));
}

describe('desktop Content-Security-Policy', () => {
  const policy = desktopContentSecurityPolicy();
  const parsed = directives(policy);

  it('denies everything by default and runs only the bundled scripts', () => {
    expect(parsed.get('default-src')).toEqual(["'none'"]);
    expect(parsed.get('script-src')).toEqual(["'self'"]);
  });

  it('never allows eval, inline scripts, or wildcard sources', () => {
    expect(policy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes/);
    expect(parsed.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy).not.toMatch(/(^|\s)\*(\s|;|$)/);
  });

  it('names no remote origin or network scheme', () => {
    expect(policy).not.toMatch(/https?:|wss?:|blob:|filesystem:/);
    for (const [name, sources] of parsed) {
      for (const source of sources) expect(["'self'", "'none'", "'unsafe-inline'", 'data:'], `${name} ${source}`).toContain(source);
    }
  });

  it('locks plugins, frames, forms and the base URL', () => {
    for (const name of ['object-src', 'frame-src', 'worker-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(parsed.get(name), name).toEqual(["'none'"]);
    }
  });

  it('replaces any policy a response already carried, whatever its header case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["script-src *"], 'Content-Type': 'text/html' }, policy);
    expect(headers['Content-Security-Policy']).toEqual([policy]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
  });
});
