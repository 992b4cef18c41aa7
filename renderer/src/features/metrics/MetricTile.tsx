import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import type { MetricTile as Tile, TimeseriesPoint } from '../../../../main/api/contract.js';
import { formatMetric, formatTarget } from './metricFormat.js';

/** One headline number against its target, green or red, with the trend over the range. */
export function MetricTile({ tile, series, selected, onSelect }: { tile: Tile; series: readonly TimeseriesPoint[]; selected: boolean; onSelect: () => void }) {
  const state = tile.meetsTarget === null ? 'none' : tile.meetsTarget ? 'good' : 'bad';
  const points = series.map((p) => ({ start: p.start, value: p.values[tile.metric] }));
  const stroke = state === 'good' ? 'var(--green)' : state === 'bad' ? 'var(--red)' : 'var(--muted)';
  return (
    <button type="button" className={`metric-tile metric-${state}${selected ? ' selected' : ''}`} onClick={onSelect} data-testid={`tile-${tile.metric}`} aria-pressed={selected}>
      <div className="metric-tile-label">{tile.target.label}</div>
      <div className="metric-tile-value" data-testid={`value-${tile.metric}`}>{formatMetric(tile.target.unit, tile.value)}</div>
      <div className="metric-tile-foot">
        <span className="metric-target">target {formatTarget(tile.target)}</span>
        <span className="muted">n = {tile.sampleSize}</span>
      </div>
      <div className="metric-spark" aria-hidden="true">
        {points.filter((p) => p.value !== null).length > 1 ? (
          <ResponsiveContainer width="100%" height={32}>
            <LineChart data={points} margin={{ top: 4, right: 2, bottom: 2, left: 2 }}>
              <YAxis hide domain={['auto', 'auto']} />
              <Line type="monotone" dataKey="value" stroke={stroke} strokeWidth={1.8} dot={false} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <span className="muted metric-spark-empty">{tile.value === null ? 'No data yet' : 'Trend after a second day'}</span>
        )}
      </div>
    </button>
  );
}
