import type { AuditLog } from '../actions/auditLog.js';
import type { Clock } from '../clock.js';
import { normalizeDisplayName } from './displayNames.js';
import type { WorkspaceRepository } from './workspaceRepository.js';

const SETTING = 'profile.displayName';
export const DEFAULT_DISPLAY_NAME = 'Agent';

/**
 * The agent signed in on this desktop (Settings → Profile). Every decision the UI makes is recorded
 * under this name: the actor comes from here, never from a request body, so no request can write
 * "agent1; supervisor:boss" into the audit.
 */
export class AgentProfile {
  constructor(
    private readonly workspaceId: string,
    private readonly workspaces: WorkspaceRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  displayName(): string {
    return this.workspaces.getSetting<string>(this.workspaceId, SETTING) ?? DEFAULT_DISPLAY_NAME;
  }

  /** The audit's actor for the signed-in agent. */
  actor(): string {
    return `agent:${this.displayName()}`;
  }

  rename(raw: string): string {
    const name = normalizeDisplayName(raw, 'display name');
    const before = this.displayName();
    if (name === before) return name;
    this.workspaces.setSetting(this.workspaceId, SETTING, name, this.clock.now());
    this.audit.append({ workspaceId: this.workspaceId, actor: `agent:${before}`, kind: 'profile.renamed', data: { from: before, to: name } });
    return name;
  }
}
