export { DataSafetyService, RESTORE_INSTRUCTIONS } from './dataSafetyService.js';
export { backupDatabase, type BackupReport } from './backupFile.js';
export { listBackups, BACKUP_FOLDER, type BackupEntry } from './backupCatalog.js';
export { verifyBackup, type BackupVerdict } from './verifyBackup.js';
export { restoreBackup, DATABASE_FILE_NAME, type RestoreReport } from './restoreBackup.js';
export { assertDatabaseNotInUse } from './databaseInUse.js';
export { exportConversation, type ConversationExport } from './conversationExport.js';
export { purgeConversations, type PurgeReport } from './retentionPurge.js';
export { type RetentionSettings, MAX_RETENTION_DAYS } from './retentionSettings.js';
