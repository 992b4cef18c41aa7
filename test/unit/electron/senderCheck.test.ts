import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../main/electron/senderCheck.js';

const trusted = { webContentsId: 7, indexUrl: 'app://tandem/index.html' };
const fromIndex = { webContentsId: 7, frameUrl: trusted.indexUrl, isMainFrame: true };

describe('IPC sender check', () => {
  it('accepts the main frame of our window showing our index.html', () => {
    expect(isTrustedSender(fromIndex, trusted)).toBe(true);
  });

  it('accepts our index.html with a route in the fragment or query', () => {
    expect(isTrustedSender({ ...fromIndex, frameUrl: `${trusted.indexUrl}#/inbox/c1` }, trusted)).toBe(true);
    expect(isTrustedSender({ ...fromIndex, frameUrl: `${trusted.indexUrl}?view=approvals` }, trusted)).toBe(true);
  });

  it('refuses another window', () => {
    expect(isTrustedSender({ ...fromIndex, webContentsId: 8 }, trusted)).toBe(false);
  });

  it('refuses a subframe even on our own page', () => {
    expect(isTrustedSender({ ...fromIndex, isMainFrame: false }, trusted)).toBe(false);
  });

  it('refuses a frame that is gone', () => {
    expect(isTrustedSender({ ...fromIndex, frameUrl: null }, trusted)).toBe(false);
  });

  it('refuses remote pages, local files and other app:// documents', () => {
    for (const frameUrl of [
      'https://evil.example/index.html',
      'http://127.0.0.1:4700/index.html',
      'file:///tmp/index.html',
      'file:///opt/Tandem/resources/app.asar/dist/renderer/index.html',
      'app://tandem/other.html',
      'app://tandem/index.html.evil',
      'app://evil/index.html',
      'data:text/html,<script>1</script>',
      'not a url',
    ]) {
      expect(isTrustedSender({ ...fromIndex, frameUrl }, trusted), frameUrl).toBe(false);
    }
  });

  it('sees through dot segments that resolve to our index.html but refuses those that leave it', () => {
    expect(isTrustedSender({ ...fromIndex, frameUrl: 'app://tandem/x/../index.html' }, trusted)).toBe(true);
    expect(isTrustedSender({ ...fromIndex, frameUrl: 'app://tandem/assets/index.html' }, trusted)).toBe(false);
  });
});
