import { useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient } from '../../state/clientContext.js';
import { dollars } from './metricFormat.js';

type Roi = Output<'roi.calculate'>;

/** The seed's ROI calculator, prefilled from this workspace's last 30 days where measured. */
export function RoiCalculator() {
  const client = useClient();
  const [tickets, setTickets] = useState('5000');
  const [human, setHuman] = useState('8.50');
  const [assisted, setAssisted] = useState('0.35');
  const [share, setShare] = useState('65');
  const [measured, setMeasured] = useState<Output<'roi.prefill'>['measured'] | null>(null);
  const [result, setResult] = useState<Roi | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void client.call('roi.prefill', {}).then((r) => {
      if (!r.ok) return;
      setTickets(String(r.value.input.ticketsPerMonth));
      setHuman((r.value.input.humanCostPerTicketCents / 100).toFixed(2));
      setAssisted((r.value.input.assistedCostPerTicketCents / 100).toFixed(2));
      setShare(String(r.value.input.assistedShareBp / 100));
      setMeasured(r.value.measured);
    });
  }, [client]);

  useEffect(() => {
    const cents = (s: string): number => Math.round(Number(s) * 100);
    const input = { ticketsPerMonth: Math.round(Number(tickets)), humanCostPerTicketCents: cents(human), assistedCostPerTicketCents: cents(assisted), assistedShareBp: Math.round(Number(share) * 100) };
    if (Object.values(input).some((v) => !Number.isFinite(v) || v < 0)) {
      setError('Enter numbers of at least 0.');
      return;
    }
    void client.call('roi.calculate', input).then((r) => {
      if (r.ok) {
        setResult(r.value);
        setError(null);
      } else setError(r.error.message);
    });
  }, [client, tickets, human, assisted, share]);

  const tag = (on: boolean | undefined) => (on ? <span className="measured-tag">measured</span> : null);
  return (
    <div className="roi" data-testid="roi">
      <div className="roi-inputs">
        <label>Tickets per month {tag(measured?.ticketsPerMonth)}<input inputMode="numeric" value={tickets} onChange={(e) => setTickets(e.target.value)} /></label>
        <label>Human cost per ticket ($)<input inputMode="decimal" value={human} onChange={(e) => setHuman(e.target.value)} /></label>
        <label>Assisted cost per ticket ($) {tag(measured?.assistedCostPerTicketCents)}<input inputMode="decimal" value={assisted} onChange={(e) => setAssisted(e.target.value)} /></label>
        <label>Resolved with the assistant (%) {tag(measured?.assistedShareBp)}<input inputMode="decimal" value={share} onChange={(e) => setShare(e.target.value)} /></label>
      </div>
      {error ? <p className="action-error">{error}</p> : null}
      {result ? (
        <div className="roi-results">
          <div><span className="muted">Monthly cost before</span><strong data-testid="roi-before">{dollars(result.monthlyCostBeforeCents)}</strong></div>
          <div><span className="muted">Monthly cost after</span><strong data-testid="roi-after">{dollars(result.monthlyCostAfterCents)}</strong></div>
          <div><span className="muted">Monthly savings</span><strong className="good" data-testid="roi-savings">{dollars(result.monthlySavingsCents)}</strong></div>
          <div><span className="muted">ROI</span><strong data-testid="roi-percent">{result.roiPercent === null ? '—' : `${result.roiPercent}%`}</strong></div>
        </div>
      ) : null}
      <p className="muted roi-formula">After = tickets × share × assisted cost + tickets × (1 − share) × human cost. ROI = savings ÷ cost after.</p>
    </div>
  );
}
