import type { Migration } from '../migration.js';
import { migration0001 } from './0001_initial.js';
import { migration0002 } from './0002_knowledge.js';
import { migration0003 } from './0003_router.js';
import { migration0004 } from './0004_actions_audit.js';
import { migration0005 } from './0005_assist_escalation.js';
import { migration0006 } from './0006_metrics.js';
import { migration0007 } from './0007_drafts.js';
import { migration0008 } from './0008_message_role_index.js';
import { migration0009 } from './0009_security.js';
import { migration0010 } from './0010_action_proposals.js';

/** Every migration the code knows, in order. Append; never reorder or edit a shipped entry. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010,
];
