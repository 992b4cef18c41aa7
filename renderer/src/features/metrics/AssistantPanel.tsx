import type { AssistantMetrics } from '../../../../main/api/contract.js';
import { percent } from './metricFormat.js';

/** What agent-assist products report: drafts, actions per tool, intent corrections, assist latency. */
export function AssistantPanel({ assistant }: { assistant: AssistantMetrics }) {
  const d = assistant.drafts;
  return (
    <div className="assistant-metrics">
      <div className="mini-stats">
        <Stat label="Draft acceptance" value={percent(d.acceptanceRate)} hint={d.drafts ? `${d.drafts} drafts` : 'no drafts yet'} testId="draft-acceptance" />
        <Stat label="Draft edit rate" value={percent(d.editRate)} hint="sent after an edit" />
        <Stat label="Mean edit distance" value={d.meanEditDistance === null ? '—' : `${d.meanEditDistance.toFixed(0)} chars`} hint="edited drafts" />
        <Stat label="Assist latency p95" value={assistant.assistLatencyP95Ms === null ? '—' : `${Math.round(assistant.assistLatencyP95Ms)} ms`} hint={`${assistant.assistResults} messages`} />
      </div>
      <div className="assistant-tables">
        <table className="metric-table" data-testid="tool-table">
          <thead>
            <tr><th>Tool</th><th>Proposed</th><th>Approved</th><th>Rejected</th><th>Errors</th></tr>
          </thead>
          <tbody>
            {assistant.tools.length === 0 ? <tr><td colSpan={5} className="muted">No actions proposed in this range.</td></tr> : null}
            {assistant.tools.map((t) => (
              <tr key={t.tool}>
                <td className="mono">{t.tool}</td>
                <td>{t.proposed}</td>
                <td>{percent(t.approvalRate)}</td>
                <td className={t.rejectionRate ? 'warn' : ''}>{percent(t.rejectionRate)}</td>
                <td className={t.errorRate ? 'bad' : ''}>{percent(t.errorRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="metric-table">
          <thead>
            <tr><th>Intent</th><th>Routed</th><th>Corrected</th><th>Rate</th></tr>
          </thead>
          <tbody>
            {assistant.intentCorrections.length === 0 ? <tr><td colSpan={4} className="muted">No routed messages in this range.</td></tr> : null}
            {assistant.intentCorrections.map((c) => (
              <tr key={c.intent}>
                <td>{c.intent.replace(/_/g, ' ')}</td>
                <td>{c.routed}</td>
                <td>{c.corrected}</td>
                <td className={c.corrected ? 'warn' : ''}>{percent(c.correctionRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Stat({ label, value, hint, testId }: { label: string; value: string; hint: string; testId?: string }) {
  return (
    <div className="mini-stat" data-testid={testId}>
      <div className="mini-stat-label">{label}</div>
      <div className="mini-stat-value">{value}</div>
      <div className="muted mini-stat-hint">{hint}</div>
    </div>
  );
}
