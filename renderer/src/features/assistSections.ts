import type { ComponentType } from 'react';
import { ActionsSection } from './actions/ActionsSection.js';
import { DraftSection } from './drafting/DraftSection.js';
import { AssistTimeline } from './escalation/AssistTimeline.js';
import { EscalationSection } from './escalation/EscalationSection.js';
import { IntentSection } from './intent/IntentSection.js';
import { EvidenceSection } from './knowledge/EvidenceSection.js';
import type { AssistResult } from '../state/useAssist.js';
import type { ConversationDetail } from '../state/useConversation.js';

export type AssistSectionId = 'intent' | 'evidence' | 'actions' | 'draft' | 'escalation' | 'timeline';

export interface AssistSectionProps {
  readonly detail: ConversationDetail;
  /** The latest assist result (null until the first customer message has been assisted). */
  readonly assist: AssistResult | null;
}

export interface AssistSectionSpec {
  readonly id: AssistSectionId;
  readonly title: string;
  /** Shown until the feature has something to say for this conversation. */
  readonly idle: string;
  readonly component?: ComponentType<AssistSectionProps>;
}

/**
 * The assist panel's sections, in pipeline order. A feature plugs its view in by setting `component`
 * on its entry (one line), so the panel itself never changes when a feature is added.
 */
export const ASSIST_SECTIONS: readonly AssistSectionSpec[] = [
  { id: 'intent', title: 'Intent', idle: 'The customer’s intent and confidence appear here after their next message.', component: IntentSection },
  { id: 'evidence', title: 'Evidence', idle: 'Policy and help articles relevant to the latest customer message appear here.', component: EvidenceSection },
  { id: 'actions', title: 'Actions', idle: 'Proposed lookups and changes appear here for your approval.', component: ActionsSection },
  { id: 'draft', title: 'Draft', idle: 'A suggested reply, grounded in the evidence and tool results, appears here.', component: DraftSection },
  { id: 'escalation', title: 'Escalation', idle: 'No escalation triggers. Flags appear here live, with their reason.', component: EscalationSection },
  { id: 'timeline', title: 'Timeline', idle: 'Each assisted customer message appears here.', component: AssistTimeline },
];
