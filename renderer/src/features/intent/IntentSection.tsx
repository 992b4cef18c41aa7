import { useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import type { AssistSectionProps } from '../assistSections.js';
import { HighlightedMessage } from './HighlightedMessage.js';
import { SentimentTrend } from './SentimentTrend.js';

type History = Output<'router.history'>;

export const intentLabel = (name: string): string => name.replace(/_/g, ' ');

/**
 * The assist panel's Intent: the intent with a confidence bar (the intent's escalation threshold
 * marked), the runner-up, the message with its entities highlighted, the sentiment trend of the
 * conversation, and a one-click correction.
 */
export function IntentSection({ detail, assist }: AssistSectionProps) {
  const client = useClient();
  const { push } = useNotices();
  const routing = assist?.routing ?? null;
  const messageId = assist?.messageId ?? null;
  const message = detail.messages.find((m) => m.id === messageId) ?? null;
  const [intents, setIntents] = useState<string[]>([]);
  const [history, setHistory] = useState<History>([]);
  const [corrected, setCorrected] = useState<string | null>(null);
  const conversationId = detail.conversation.id;

  useEffect(() => {
    void client.call('router.taxonomy.get', {}).then((r) => r.ok && setIntents(r.value.taxonomy.intents.map((i) => i.name)));
  }, [client]);
  useEffect(() => {
    let live = true;
    void client.call('router.history', { conversationId }).then((r) => live && r.ok && setHistory(r.value));
    return () => {
      live = false;
    };
  }, [client, conversationId, messageId]);
  useEffect(() => {
    setCorrected(history.find((h) => h.messageId === messageId)?.correctedIntent ?? null);
  }, [history, messageId]);
  useEngineEvents((event) => {
    if (event.type === 'router.retrained' && event.ok) {
      void client.call('router.taxonomy.get', {}).then((r) => r.ok && setIntents(r.value.taxonomy.intents.map((i) => i.name)));
    }
  });

  if (!routing || !messageId) return <p className="assist-idle">The customer’s intent and confidence appear here after their next message.</p>;

  const correct = async (intent: string): Promise<void> => {
    const result = await client.call('router.correct', { messageId, intent });
    if (!result.ok) return push('error', result.error.message);
    setCorrected(intent);
    push('info', result.value.learned ? `Corrected to “${intentLabel(intent)}” and added as a training example.` : `Corrected to “${intentLabel(intent)}”.`);
  };

  const percent = Math.round(routing.confidence * 100);
  return (
    <div className="intent" data-testid="intent-section">
      <div className="intent-head">
        <strong data-testid="intent-name">{intentLabel(corrected ?? routing.intent)}</strong>
        {corrected && corrected !== routing.intent ? <span className="badge">corrected (was {intentLabel(routing.intent)})</span> : null}
        {routing.outOfScope ? <span className="badge badge-medium">out of scope</span> : null}
        {routing.usedHistory ? <span className="badge" title="The message was short; earlier turns were used">with context</span> : null}
      </div>
      <div
        className={`confidence-bar${routing.belowThreshold ? ' below' : ''}`}
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={`Confidence ${percent}%, threshold ${Math.round(routing.threshold * 100)}%`}
        data-testid="intent-confidence"
      >
        <div className="confidence-fill" style={{ width: `${percent}%` }} />
        <div className="confidence-threshold" style={{ left: `${Math.round(routing.threshold * 100)}%` }} title={`Escalation threshold ${Math.round(routing.threshold * 100)}%`} />
      </div>
      <div className="intent-facts">
        {percent}% · threshold {Math.round(routing.threshold * 100)}%
        {routing.runnerUp ? (
          <>
            {' '}· runner-up{' '}
            <button type="button" className="link-button" onClick={() => void correct(routing.runnerUp!.intent)} data-testid="intent-runner-up">
              {intentLabel(routing.runnerUp.intent)} ({Math.round(routing.runnerUp.confidence * 100)}%)
            </button>
          </>
        ) : null}
      </div>
      {routing.llm ? (
        <div className="intent-llm muted" data-testid="intent-llm" title={routing.llm.reason ?? undefined}>
          {routing.llm.outcome === 'combined'
            ? `Local model consulted: ${routing.llm.intent ?? '—'} (${Math.round((routing.llm.confidence ?? 0) * 100)}%), combined with the classifier`
            : `Local model consulted but not used (${routing.llm.outcome}${routing.llm.reason ? `: ${routing.llm.reason}` : ''})`}
        </div>
      ) : null}
      {message ? <HighlightedMessage text={message.content} entities={routing.entities} /> : null}
      <SentimentTrend history={history} current={routing.sentiment} />
      <label className="intent-correct">
        Correct intent{' '}
        <select value="" onChange={(e) => e.target.value && void correct(e.target.value)} data-testid="intent-correct">
          <option value="">choose…</option>
          {intents
            .filter((i) => i !== (corrected ?? routing.intent))
            .map((i) => (
              <option key={i} value={i}>
                {intentLabel(i)}
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}
