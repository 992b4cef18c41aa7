import { useState } from 'react';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import { downloadText } from '../metrics/download.js';

/** Conversation header: downloads the conversation with its actions and audit trail as one JSON file. */
export function ExportConversationButton({ conversationId }: { conversationId: string }) {
  const client = useClient();
  const { push } = useNotices();
  const [busy, setBusy] = useState(false);
  const exportIt = async (): Promise<void> => {
    setBusy(true);
    const result = await client.call('conversation.export', { id: conversationId });
    setBusy(false);
    if (!result.ok) return push('error', result.error.message);
    downloadText(result.value.fileName, 'application/json', result.value.content);
    if (result.value.auditVerdict === 'broken') push('error', 'Exported, but the audit trail does not verify: an entry was changed outside Tandem. Run `tandem audit verify`.');
  };
  return (
    <button type="button" className="button small" disabled={busy} onClick={() => void exportIt()} title="Download this conversation and its audit trail as JSON" data-testid="export-conversation">
      {busy ? 'Exporting…' : 'Export'}
    </button>
  );
}
