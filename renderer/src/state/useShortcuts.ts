import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** e.g. 'n', '?', '/', 'Alt+1', 'Ctrl+Enter', 'Ctrl+Shift+U' */
  readonly keys: string;
  readonly run: (event: KeyboardEvent) => void;
  /** Single-key shortcuts must not fire while the agent is typing; modifier chords may. */
  readonly whileTyping?: boolean;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function chordOf(event: KeyboardEvent): string {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  // Alt+digit types other characters on some layouts; the physical key is what the agent pressed.
  const key = event.altKey && event.code.startsWith('Digit') ? event.code.slice(5) : event.key;
  const isLetter = /^[a-z]$/i.test(key);
  // Shift is part of characters like '?', so it is only named for letters and named keys.
  if (event.shiftKey && (isLetter || key.length > 1)) parts.push('Shift');
  parts.push(isLetter ? key.toUpperCase() : key);
  return parts.join('+');
}

/** Global keyboard shortcuts; the latest handlers are used without re-binding the listener. */
export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const chord = chordOf(event);
      const match = ref.current.find((s) => s.keys.toLowerCase() === chord.toLowerCase());
      if (!match) return;
      if (isTyping(event.target) && !match.whileTyping) return;
      event.preventDefault();
      match.run(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
