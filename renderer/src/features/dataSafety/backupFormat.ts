import type { Output } from '../../../../main/api/contract.js';

export type BackupRow = Output<'backup.list'>['backups'][number];

export const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
