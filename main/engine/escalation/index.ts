/** Escalation: the seed's eight triggers, their settings, and the handoff packet. */
export { evaluateEscalation, type Dismissal } from './evaluateEscalation.js';
export { DEFAULT_ESCALATION_CONFIG, parseEscalationConfig, EscalationConfigSchema, type EscalationConfig } from './config.js';
export { buildHandoffPacket, extractiveSummary, type HandoffPacket } from './handoffPacket.js';
export * from './types.js';
