import type { Migration } from '../migration.js';
import { migration0001 } from './0001_initial.js';

/** Every migration the code knows, in order. Append; never reorder or edit a shipped entry. */
export const MIGRATIONS: readonly Migration[] = [migration0001];
