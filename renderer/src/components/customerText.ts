/**
 * Directional formatting controls (embeddings, overrides, isolates). Inside customer-provided text they
 * only ever serve to make text read as something else: "Eve\u202Egnp.exe" displays as "Eveexe.png".
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Shows each directional control as a visible marker ("Eve⟦U+202E⟧gnp.exe"), so the spoof is seen, not obeyed. */
export function revealBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟦U+${c.codePointAt(0)!.toString(16).toUpperCase()}⟧`);
}
