import type { Output } from '../../../../main/api/contract.js';

type History = Output<'router.history'>;
type Sentiment = Output<'router.classify'>['sentiment'];

/** Sentiment of each customer message as a small bar strip (oldest left), with the current label and streak. */
export function SentimentTrend({ history, current }: { history: History; current: Sentiment }) {
  const points = history.slice(-12).map((h) => h.sentiment.score);
  return (
    <div className="sentiment" data-testid="intent-sentiment">
      <span className={`sentiment-label sentiment-${current.label}`}>
        {/* A coloured dot, not an emoji: support desktops often lack a colour emoji font. */}
        <span className="sentiment-dot" aria-hidden="true" /> {current.label} ({current.score.toFixed(2)})
      </span>
      {current.negativeStreak >= 2 ? <span className="badge badge-high">{current.negativeStreak} negative in a row</span> : null}
      <span className="sentiment-trend" aria-label="Sentiment over the conversation">
        {points.map((score, i) => (
          <span
            key={i}
            className={`sentiment-tick ${score < -0.05 ? 'neg' : score > 0.05 ? 'pos' : 'neu'}`}
            style={{ height: `${Math.max(3, Math.round(Math.abs(score) * 16))}px` }}
            title={score.toFixed(2)}
          />
        ))}
      </span>
    </div>
  );
}
