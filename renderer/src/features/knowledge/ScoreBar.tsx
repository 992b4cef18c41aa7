/** A relevance bar: hybrid scores are 0..1; keyword-only scores are shown relative to the best hit. */
export function ScoreBar({ score, top, mode }: { score: number; top: number; mode: 'hybrid' | 'lexical' }) {
  const fraction = mode === 'hybrid' ? score : top > 0 ? score / top : 0;
  const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <span className="score-bar" title={`Relevance ${pct}%`} aria-label={`Relevance ${pct}%`}>
      <span style={{ width: `${pct}%` }} />
    </span>
  );
}
