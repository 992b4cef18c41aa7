import { highlightPieces } from './highlight.js';

/** Text with the words that matched the search marked. */
export function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  return (
    <>
      {highlightPieces(text, terms).map((piece, i) =>
        piece.hit ? (
          <mark key={i} className="term-hit" data-testid="term-hit">
            {piece.text}
          </mark>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </>
  );
}
