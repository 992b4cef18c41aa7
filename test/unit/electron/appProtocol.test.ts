import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, appProtocolResponse, resolveAppFile } from '../../../main/electron/appProtocol.js';
import { desktopContentSecurityPolicy } from '../../../main/electron/contentSecurityPolicy.js';
import { tempDir } from '../../support/tempDir.js';

/**
 * A renderer folder with a secret file next to it (what a traversal would be after) and a folder whose
 * name starts like the renderer's (what a prefix check would let through).
 */
let root = '';
let renderer = '';
const policy = desktopContentSecurityPolicy();

beforeAll(() => {
  root = tempDir('tandem-app-protocol', { scope: 'file' });
  renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Tandem</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1);');
  writeFileSync(join(renderer, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(renderer, 'assets', 'index-abc.js.map'), '{}');
  writeFileSync(join(renderer, 'favicon.svg'), '<svg/>');
  writeFileSync(join(renderer, 'assets', 'font.woff2'), 'w');
  writeFileSync(join(renderer, 'assets', 'notes.sh'), 'rm -rf /');
  writeFileSync(join(root, 'secret.json'), '{"token":"s3cret"}');
  mkdirSync(join(root, 'renderer-evil'));
  writeFileSync(join(root, 'renderer-evil', 'index.html'), 'evil');
});

const get = (url: string, method = 'GET') => appProtocolResponse(renderer, { url, method }, policy);

describe('app:// path resolution', () => {
  it('maps app://tandem/… onto the renderer folder, / onto index.html', () => {
    expect(resolveAppFile(renderer, APP_INDEX_URL)).toEqual({ ok: true, file: join(renderer, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppFile(renderer, 'app://tandem/')).toMatchObject({ ok: true, file: join(renderer, 'index.html') });
    expect(resolveAppFile(renderer, 'app://tandem/assets/index-abc.js?v=1#x')).toMatchObject({ ok: true, file: join(renderer, 'assets', 'index-abc.js') });
    expect(resolveAppFile(renderer, 'app://tandem/assets/index%2Dabc.js')).toMatchObject({ ok: true, file: join(renderer, 'assets', 'index-abc.js') });
  });

  it('never leaves the renderer folder, whatever the dots, encodings or separators', () => {
    for (const url of [
      'app://tandem/../secret.json',
      'app://tandem/assets/../../secret.json',
      'app://tandem/%2e%2e/secret.json',
      'app://tandem/%2E%2E/%2e%2E/secret.json',
      'app://tandem/.%2e/secret.json',
      'app://tandem/..%2fsecret.json',
      'app://tandem/..%2Fsecret.json',
      'app://tandem/assets%2f..%2f..%2fsecret.json',
      'app://tandem/..%5csecret.json',
      'app://tandem/%2e%2e%5csecret.json',
      'app://tandem/%252e%252e/secret.json',
      'app://tandem/C:%5cWindows%5cwin.ini',
      'app://tandem/%2fetc%2fpasswd',
      'app://tandem//etc/passwd',
      'app://tandem/index.html%00.js',
      'app://tandem/../renderer-evil/index.html',
    ]) {
      // The URL parser folds some of these back inside the folder (app://tandem/../x is app://tandem/x):
      // then the file named is inside the renderer folder (and absent there, so a 404 below).
      const resolved = resolveAppFile(renderer, url);
      if (!resolved.ok) continue;
      const inside = relative(renderer, resolved.file);
      expect(inside.startsWith('..') || isAbsolute(inside), `${url} → ${resolved.file}`).toBe(false);
    }
    expect(resolveAppFile(renderer, 'app://tandem/..%2fsecret.json')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppFile(renderer, 'app://tandem/%E0%A4%A.js')).toMatchObject({ ok: false, status: 400 });
  });

  it('answers only for its own host and scheme', () => {
    for (const url of ['app://evil/index.html', 'app://tandem.evil/index.html', 'file:///etc/passwd', 'https://tandem/index.html', 'not a url']) {
      expect(resolveAppFile(renderer, url).ok, url).toBe(false);
    }
  });
});

describe('app:// responses', () => {
  it('serves the renderer\'s files with their MIME type, the CSP and nosniff', async () => {
    const cases: Array<[string, string, string]> = [
      [APP_INDEX_URL, 'text/html; charset=utf-8', '<!doctype html><title>Tandem</title>'],
      ['app://tandem/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1);'],
      ['app://tandem/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
      ['app://tandem/assets/index-abc.js.map', 'application/json; charset=utf-8', '{}'],
      ['app://tandem/favicon.svg', 'image/svg+xml', '<svg/>'],
      ['app://tandem/assets/font.woff2', 'font/woff2', 'w'],
    ];
    for (const [url, type, body] of cases) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
      expect(response.headers.get('content-security-policy'), url).toBe(policy);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(response.headers.get('content-length'), url).toBe(String(Buffer.byteLength(body)));
      expect(await response.text(), url).toBe(body);
    }
  });

  it('answers 404 for traversal attempts, unknown files, folders and file types it does not serve', async () => {
    for (const url of [
      'app://tandem/%2e%2e/secret.json',
      'app://tandem/..%2fsecret.json',
      'app://tandem/assets/missing.js',
      'app://tandem/assets',
      'app://tandem/assets/',
      'app://tandem/assets/notes.sh',
      'app://evil/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toBe('Not found');
      expect(response.headers.get('content-security-policy'), url).toBe(policy);
      expect(response.headers.get('content-type'), url).toBe('text/plain; charset=utf-8');
    }
    expect((await get('app://tandem/%E0%A4%A.js')).status).toBe(400);
  });

  it('allows GET and HEAD only', async () => {
    const head = await get(APP_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const method of ['POST', 'PUT', 'DELETE']) expect((await get(APP_INDEX_URL, method)).status, method).toBe(405);
  });
});
