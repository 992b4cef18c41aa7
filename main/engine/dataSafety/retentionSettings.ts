import { z } from 'zod';
import { TandemError } from '../errors.js';
import type { WorkspaceRepository } from '../workspace/workspaceRepository.js';

export const RETENTION_SETTING_KEY = 'retention.purgeAfterDays';
/** Ten years: a longer period is almost certainly a typo (days entered as hours, or a year number). */
export const MAX_RETENTION_DAYS = 3650;

export const RetentionDays = z.number().int().min(1).max(MAX_RETENTION_DAYS);

export interface RetentionSettings {
  /** Conversations whose last activity is older than this many days are purged; null = keep everything (the default). */
  readonly purgeAfterDays: number | null;
}

export function readRetention(workspaces: WorkspaceRepository, workspaceId: string): RetentionSettings {
  const stored = workspaces.getSetting<unknown>(workspaceId, RETENTION_SETTING_KEY);
  const parsed = RetentionDays.safeParse(stored);
  return { purgeAfterDays: parsed.success ? parsed.data : null };
}

export function writeRetention(workspaces: WorkspaceRepository, workspaceId: string, settings: RetentionSettings, now: number): RetentionSettings {
  if (settings.purgeAfterDays !== null) {
    const parsed = RetentionDays.safeParse(settings.purgeAfterDays);
    if (!parsed.success) {
      throw new TandemError('E_VALIDATION', `purgeAfterDays must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, or off.`);
    }
  }
  workspaces.setSetting(workspaceId, RETENTION_SETTING_KEY, settings.purgeAfterDays, now);
  return readRetention(workspaces, workspaceId);
}
