import { describe, expect, it } from 'vitest';
import { createRendererRequestFilter } from '../../../main/electron/requestFilter.js';

const allowed = createRendererRequestFilter('/opt/Tandem/resources/app.asar/dist/renderer');

describe('renderer request filter', () => {
  it('lets the renderer load its own files and inline images', () => {
    expect(allowed('file:///opt/Tandem/resources/app.asar/dist/renderer/index.html')).toBe(true);
    expect(allowed('file:///opt/Tandem/resources/app.asar/dist/renderer/assets/index-abc.js')).toBe(true);
    expect(allowed('data:image/png;base64,AAAA')).toBe(true);
  });

  it('blocks remote content of every kind', () => {
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:4700/api', 'ws://127.0.0.1:1/', 'ftp://x/y']) {
      expect(allowed(url), url).toBe(false);
    }
  });

  it('blocks other files on disk, including by ../ or encoded dot segments', () => {
    for (const url of [
      'file:///etc/passwd',
      'file:///opt/Tandem/resources/app.asar/dist/renderer/../../../../../etc/passwd',
      'file:///opt/Tandem/resources/app.asar/dist/renderer/%2e%2e/main/electron/main.js',
      'file:///opt/Tandem/resources/app.asar/dist/renderer-evil/index.html',
      'not a url',
    ]) {
      expect(allowed(url), url).toBe(false);
    }
  });
});
