import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import { AssistantPanel } from './AssistantPanel.js';
import { DrilldownList } from './DrilldownList.js';
import { downloadText } from './download.js';
import { DAY_MS, formatMetric, type HeadlineMetric } from './metricFormat.js';
import { MetricTile } from './MetricTile.js';
import { ReviewTab } from './ReviewTab.js';
import { RoiCalculator } from './RoiCalculator.js';
import { TrendChart } from './TrendChart.js';
import './metrics.css';

type Summary = Output<'metrics.summary'>;
type Series = Output<'metrics.timeseries'>;
type Tab = 'overview' | 'review' | 'roi';
const RANGES = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
] as const;

/** The support lead's Monday view: the seed's metrics against target, what to fix, and what it saves. */
export function MetricsScreen() {
  const client = useClient();
  const { push } = useNotices();
  const [tab, setTab] = useState<Tab>('overview');
  const [days, setDays] = useState<number>(7);
  const [agent, setAgent] = useState('');
  const [intent, setIntent] = useState('');
  const [dims, setDims] = useState<Output<'metrics.dimensions'> | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [series, setSeries] = useState<Series>([]);
  const [selected, setSelected] = useState<HeadlineMetric>('resolution_rate');
  const [drill, setDrill] = useState<Output<'metrics.drilldown'> | null>(null);
  const [tick, setTick] = useState(0);

  // The range ends at the next midnight so today's conversations are in, and stays put between reloads.
  const range = useMemo(() => {
    const to = Math.ceil((Date.now() + 1) / DAY_MS) * DAY_MS;
    return { from: to - days * DAY_MS, to };
  }, [days, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  const filters = useMemo(() => ({ ...range, ...(agent ? { agent } : {}), ...(intent ? { intent } : {}) }), [range, agent, intent]);

  const reload = useCallback(() => {
    void client.call('metrics.summary', filters).then((r) => (r.ok ? setSummary(r.value) : push('error', r.error.message)));
    void client.call('metrics.timeseries', { ...filters, bucket: days > 30 ? 'week' : 'day' }).then((r) => r.ok && setSeries(r.value));
    void client.call('metrics.dimensions', {}).then((r) => r.ok && setDims(r.value));
  }, [client, filters, days, push]);
  useEffect(reload, [reload]);
  useEffect(() => {
    void client.call('metrics.drilldown', { ...filters, metric: selected, limit: 50 }).then((r) => r.ok && setDrill(r.value));
  }, [client, filters, selected, summary]);
  // Numbers follow the work: a resolution, escalation or CSAT elsewhere refreshes them.
  useEngineEvents((event) => {
    if (event.type === 'conversation.updated' || event.type === 'conversation.created') setTick((t) => t + 1);
  });

  const exportAs = async (what: 'metrics' | 'review', format: 'csv' | 'json'): Promise<void> => {
    const r = await client.call('metrics.export', { ...filters, what, format });
    if (!r.ok) return push('error', r.error.message);
    downloadText(r.value.fileName, r.value.mimeType, r.value.content);
  };

  const selectedTile = summary?.tiles.find((t) => t.metric === selected) ?? null;
  return (
    <div className="metrics-screen" data-testid="metrics-dashboard">
      <header className="metrics-header">
        <div>
          <h1>Metrics</h1>
          <p className="muted">
            {summary ? `${summary.counts.conversations} conversations · ${summary.counts.concluded} concluded · ${summary.counts.csatResponses} CSAT responses` : 'Loading…'}
          </p>
        </div>
        <nav className="metrics-tabs" role="tablist">
          {(['overview', 'review', 'roi'] as const).map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
              {t === 'overview' ? 'Overview' : t === 'review' ? 'Review' : 'ROI'}
            </button>
          ))}
        </nav>
      </header>
      <div className="metrics-filters">
        <select value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label="Date range">
          {RANGES.map((r) => <option key={r.days} value={r.days}>{r.label}</option>)}
        </select>
        <select value={agent} onChange={(e) => setAgent(e.target.value)} aria-label="Agent">
          <option value="">All agents</option>
          {dims?.agents.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
        <select value={intent} onChange={(e) => setIntent(e.target.value)} aria-label="Intent">
          <option value="">All intents</option>
          {dims?.intents.map((i) => <option key={i} value={i}>{i.replace(/_/g, ' ')}</option>)}
        </select>
        <span className="spacer" />
        <button type="button" className="button small ghost" onClick={() => void exportAs(tab === 'review' ? 'review' : 'metrics', 'csv')}>Export CSV</button>
        <button type="button" className="button small ghost" onClick={() => void exportAs(tab === 'review' ? 'review' : 'metrics', 'json')}>Export JSON</button>
      </div>
      <div className="metrics-body">
        {tab === 'overview' && summary ? (
          <>
            <div className="metric-tiles">
              {summary.tiles.map((t) => (
                <MetricTile key={t.metric} tile={t} series={series} selected={t.metric === selected} onSelect={() => setSelected(t.metric)} />
              ))}
            </div>
            {selectedTile ? (
              <div className="metric-detail">
                <TrendChart metric={selected} target={selectedTile.target} series={series} />
                <DrilldownList
                  title={`Behind ${selectedTile.target.label.toLowerCase()}`}
                  drill={drill}
                  valueLabel={(v) => (v === null ? '' : selected === 'resolution_rate' ? (v ? 'with assistant' : '') : selected === 'cost_per_resolution' ? `${v} tokens` : ['escalation_rate', 'false_resolution_rate'].includes(selected) ? '' : formatMetric(selectedTile.target.unit, v))}
                />
              </div>
            ) : null}
            <h2 className="metrics-section-title">Assistant</h2>
            <AssistantPanel assistant={summary.assistant} />
          </>
        ) : null}
        {tab === 'review' ? <ReviewTab range={range} /> : null}
        {tab === 'roi' ? <RoiCalculator /> : null}
      </div>
    </div>
  );
}
