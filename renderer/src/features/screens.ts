import type { ComponentType } from 'react';
import type { Section } from '../components/Rail.js';
import { ApprovalsScreen } from './actions/ApprovalsScreen.js';
import { KnowledgeScreen } from './knowledge/KnowledgeScreen.js';
import { MetricsScreen } from './metrics/MetricsScreen.js';

export interface ScreenSpec {
  readonly title: string;
  /** What the screen is for, shown while it has nothing to display. */
  readonly idle: string;
  readonly component?: ComponentType;
}

/** Screens other than the inbox. A feature plugs its screen in by setting `component` (one line). */
export const SCREENS: Record<Exclude<Section, 'inbox' | 'settings'>, ScreenSpec> = {
  knowledge: { title: 'Knowledge', idle: 'Import policy and help articles so Tandem can cite them next to each conversation.', component: KnowledgeScreen },
  approvals: { title: 'Approvals', idle: 'Actions waiting for your approval, or a supervisor’s, are listed here.', component: ApprovalsScreen },
  metrics: { title: 'Metrics', idle: 'Resolution rate, response times, CSAT and escalations appear here as conversations are worked.', component: MetricsScreen },
};
