import { TandemError } from '../errors.js';

/**
 * The seed's ROI calculator, in integer cents and basis points so the published example comes out to
 * the cent:
 *   before  = tickets × human cost per ticket
 *   after   = tickets × share × assisted cost per ticket  +  tickets × (1 − share) × human cost per ticket
 *   savings = before − after
 *   ROI %   = savings ÷ after × 100, rounded to a whole percent
 * 5,000 tickets, $8.50, $0.35, 65% → before $42,500.00, after $1,137.50 + $14,875.00 = $16,012.50,
 * savings $26,487.50, ROI 26,487.50 ÷ 16,012.50 = 165%. The tickets the assistant resolves still cost
 * their assisted price; the rest cost what a human-only ticket costs.
 */
export interface RoiInput {
  readonly ticketsPerMonth: number;
  readonly humanCostPerTicketCents: number;
  readonly assistedCostPerTicketCents: number;
  /** Share of tickets resolved with the assistant, in basis points (6,500 = 65%). */
  readonly assistedShareBp: number;
}

export interface RoiResult {
  readonly monthlyCostBeforeCents: number;
  readonly monthlyCostAfterCents: number;
  readonly monthlySavingsCents: number;
  /** null when the cost after is zero (the ratio is undefined). */
  readonly roiPercent: number | null;
}

export function calculateRoi(input: RoiInput): RoiResult {
  const { ticketsPerMonth: tickets, humanCostPerTicketCents: human, assistedCostPerTicketCents: assisted, assistedShareBp: share } = input;
  for (const [name, value] of Object.entries(input)) {
    if (!Number.isInteger(value) || value < 0) throw new TandemError('E_VALIDATION', `${name} must be a whole number of at least 0.`);
  }
  if (share > 10_000) throw new TandemError('E_VALIDATION', 'assistedShareBp must be at most 10,000 (100%).');
  const before = tickets * human;
  // Multiply before dividing so fractional tickets (e.g. 33.3% of 100) keep their cents.
  const after = Math.round((tickets * share * assisted + tickets * (10_000 - share) * human) / 10_000);
  const savings = before - after;
  return {
    monthlyCostBeforeCents: before,
    monthlyCostAfterCents: after,
    monthlySavingsCents: savings,
    roiPercent: after === 0 ? null : Math.round((savings * 100) / after),
  };
}
