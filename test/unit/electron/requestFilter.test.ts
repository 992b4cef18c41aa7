import { describe, expect, it } from 'vitest';
import { createRendererRequestFilter } from '../../../main/electron/requestFilter.js';

const allowed = createRendererRequestFilter();

describe('renderer request filter', () => {
  it('lets the renderer load its own app:// files and inline images', () => {
    expect(allowed('app://tandem/index.html')).toBe(true);
    expect(allowed('app://tandem/assets/index-abc.js')).toBe(true);
    expect(allowed('data:image/png;base64,AAAA')).toBe(true);
  });

  it('blocks remote content of every kind', () => {
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:4700/api', 'ws://127.0.0.1:1/', 'ftp://x/y']) {
      expect(allowed(url), url).toBe(false);
    }
  });

  it('blocks every file:// URL (the renderer is served over app://) and other app hosts', () => {
    for (const url of [
      'file:///etc/passwd',
      'file:///opt/Tandem/resources/app.asar/dist/renderer/index.html',
      'app://evil/index.html',
      'app://tandem.evil/index.html',
      'app://tandem@evil/index.html',
      'not a url',
    ]) {
      expect(allowed(url), url).toBe(false);
    }
  });
});
