import { useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import type { AssistSectionProps } from '../assistSections.js';
import { triggerLabel } from './EscalationSection.js';

type History = Output<'assist.history'>;

/** What the assist did at each customer message: intent, confidence, flags raised, and how long it took. */
export function AssistTimeline({ detail }: AssistSectionProps) {
  const client = useClient();
  const [history, setHistory] = useState<History>([]);
  const conversationId = detail.conversation.id;
  const load = (): void => {
    void client.call('assist.history', { conversationId }).then((r) => r.ok && setHistory(r.value));
  };
  useEffect(load, [client, conversationId]);
  useEngineEvents((event) => {
    if (event.type === 'assist.updated' && event.conversationId === conversationId) load();
  });

  if (history.length === 0) return <p className="assist-idle">Each assisted customer message appears here.</p>;
  return (
    <ol className="timeline" data-testid="assist-timeline">
      {history.map((r) => (
        <li key={r.messageId} data-testid="timeline-entry">
          <span className="timeline-seq">#{r.messageSeq}</span>
          <span className="timeline-intent">
            {r.routing ? `${r.routing.intent} ${Math.round(r.routing.confidence * 100)}%` : 'not routed'}
          </span>
          {r.flags.map((f) => (
            <span key={f.trigger} className={`badge badge-${f.priority}`}>
              {triggerLabel(f.trigger)}
            </span>
          ))}
          <span className="timeline-ms">{Math.round(r.timings.total)} ms</span>
        </li>
      ))}
    </ol>
  );
}
