import { describe, expect, it } from 'vitest';
import { revealBidiControls } from '../../../renderer/src/components/customerText.js';

describe('customer text in the UI', () => {
  it('shows a right-to-left override in a name instead of obeying it ("Eve\\u202Egnp.exe" is not "Eveexe.png")', () => {
    expect(revealBidiControls('Eve\u202Egnp.exe')).toBe('Eve⟦U+202E⟧gnp.exe');
    expect(revealBidiControls('\u2066x\u2069')).toBe('⟦U+2066⟧x⟦U+2069⟧');
  });

  it('leaves ordinary right-to-left text and joiners alone', () => {
    expect(revealBidiControls('שלום Dana')).toBe('שלום Dana');
    expect(revealBidiControls('\ud83d\udc68\u200d\ud83d\udc69')).toBe('\ud83d\udc68\u200d\ud83d\udc69');
  });
});
