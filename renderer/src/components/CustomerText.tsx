import { revealBidiControls } from './customerText.js';

/**
 * Any string a customer (or a connector) supplied: a name, a subject, a message. It is direction-isolated
 * (<bdi>: right-to-left text cannot reorder the UI around it), its directional controls are shown rather
 * than obeyed, and long unbroken tokens wrap instead of pushing buttons off screen.
 */
export function CustomerText({ text, className }: { text: string; className?: string }) {
  const shown = revealBidiControls(text);
  return <bdi className={`customer-text${className ? ` ${className}` : ''}`} title={shown.length > 60 ? shown : undefined}>{shown}</bdi>;
}
