/** The quality gate: PII, other customers' data, unsupported claims, apologies, tone, AI disclosure. */
export { applyFix, runQualityGate } from './qualityGate.js';
export { passesLuhn } from './piiCheck.js';
export { containsApology } from './toneCheck.js';
export type { Finding, FindingFix, FindingKind, GateInput, GateReport, VerifiedCustomer } from './types.js';
