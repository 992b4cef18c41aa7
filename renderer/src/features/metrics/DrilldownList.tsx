import type { Output } from '../../../../main/api/contract.js';
import { useNavigation } from '../../state/navigation.js';
import { conversationLabel, shortDate } from './metricFormat.js';

type Drill = Output<'metrics.drilldown'>;

/** The conversations behind a number; a click opens the conversation in the inbox. */
export function DrilldownList({ title, drill, valueLabel }: { title: string; drill: Drill | null; valueLabel: (v: number | null) => string }) {
  const nav = useNavigation();
  if (!drill) return null;
  return (
    <div className="drilldown" data-testid="drilldown">
      <div className="metric-chart-head">
        <h3>{title}</h3>
        <span className="muted">{drill.total} conversation{drill.total === 1 ? '' : 's'}</span>
      </div>
      {drill.conversations.length === 0 ? <p className="muted">No conversations behind this number yet.</p> : null}
      <ul className="drilldown-list">
        {drill.conversations.map((c) => (
          <li key={c.conversationId}>
            <button type="button" className="drilldown-row" onClick={() => nav.openConversation(c.conversationId)} data-conversation-id={c.conversationId}>
              <span className="drilldown-subject">{conversationLabel(c)}</span>
              <span className="muted">{c.customerRef ?? ''}</span>
              <span className={`status-pill status-${c.state}`}>{c.state}</span>
              <span className="drilldown-value">{valueLabel(c.value)}</span>
              <span className="muted">{shortDate(c.startedAt)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
