import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricTarget, TimeseriesPoint } from '../../../../main/api/contract.js';
import type { HeadlineMetric } from './metricFormat.js';
import { formatMetric, shortDate } from './metricFormat.js';

/** The selected metric over time, with its target as a dashed line. */
export function TrendChart({ metric, target, series }: { metric: HeadlineMetric; target: MetricTarget; series: readonly TimeseriesPoint[] }) {
  const data = series.map((p) => ({ start: p.start, value: p.values[metric], conversations: p.counts.conversations }));
  return (
    <div className="metric-chart">
      <div className="metric-chart-head">
        <h3>{target.label} over time</h3>
        <span className="muted">dashed line: target</span>
      </div>
      {data.length === 0 ? (
        <p className="muted">No conversations in this range yet.</p>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#eef0f4" vertical={false} />
            <XAxis dataKey="start" tickFormatter={shortDate} fontSize={11} stroke="#9aa1ad" />
            <YAxis fontSize={11} stroke="#9aa1ad" tickFormatter={(v: number) => formatMetric(target.unit, v).replace(' / 5', '')} width={64} />
            <Tooltip labelFormatter={(v) => shortDate(Number(v))} formatter={(v) => [formatMetric(target.unit, typeof v === 'number' ? v : null), target.label]} />
            <ReferenceLine y={target.target} stroke="#9aa1ad" strokeDasharray="4 4" />
            <Line type="monotone" dataKey="value" stroke="var(--accent)" strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}
