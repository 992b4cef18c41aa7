import { describe, expect, it } from 'vitest';
import { externalLinkTarget, openLinkAfterConfirmation } from '../../../main/electron/externalLinks.js';

function opener(answer: boolean) {
  const opened: string[] = [];
  const asked: string[] = [];
  return {
    opened,
    asked,
    confirm: async (address: string) => {
      asked.push(address);
      return answer;
    },
    openExternal: async (address: string) => {
      opened.push(address);
    },
  };
}

describe('links in customer messages', () => {
  it('only http and https links may leave the app', () => {
    expect(externalLinkTarget('https://shop.example/track?id=1')).toBe('https://shop.example/track?id=1');
    expect(externalLinkTarget('http://shop.example')).toBe('http://shop.example/');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'mailto:a@b.c', 'not a link', '']) {
      expect(externalLinkTarget(url), url).toBeNull();
    }
  });

  it('refuses links that hide their host behind credentials', () => {
    expect(externalLinkTarget('https://paypal.com@evil.example/')).toBeNull();
  });

  it('opens a link in the browser only after the user confirms the exact address', async () => {
    const yes = opener(true);
    expect(await openLinkAfterConfirmation('https://shop.example/a', yes)).toBe('opened');
    expect(yes.asked).toEqual(['https://shop.example/a']);
    expect(yes.opened).toEqual(['https://shop.example/a']);
  });

  it('opens nothing when the user declines', async () => {
    const no = opener(false);
    expect(await openLinkAfterConfirmation('https://shop.example/a', no)).toBe('declined');
    expect(no.opened).toEqual([]);
  });

  it('does not even ask about a link that is not http(s)', async () => {
    const yes = opener(true);
    expect(await openLinkAfterConfirmation('file:///home/agent/.ssh/id_rsa', yes)).toBe('refused');
    expect(yes.asked).toEqual([]);
    expect(yes.opened).toEqual([]);
  });
});
