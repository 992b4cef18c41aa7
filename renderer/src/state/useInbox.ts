import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../main/api/contract.js';
import { useClient, useEngineEvents } from './clientContext.js';

export type ConversationSummary = Output<'conversation.list'>[number];

export interface InboxState {
  readonly conversations: readonly ConversationSummary[];
  readonly loading: boolean;
  readonly error: string | null;
  reload(): void;
}

const urgent = (c: ConversationSummary): number => (c.flags[0]?.priority === 'immediate' && c.status !== 'escalated' ? 1 : 0);

/** A conversation with an immediate flag comes first; otherwise the most recent first. */
function byRecency(a: ConversationSummary, b: ConversationSummary): number {
  return urgent(b) - urgent(a) || (b.lastMessageAt ?? b.createdAt) - (a.lastMessageAt ?? a.createdAt);
}

/** The inbox list, kept live from engine events so pushed messages appear without a reload. */
export function useInbox(): InboxState {
  const client = useClient();
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    setLoading(true);
    void client.call('conversation.list', {}).then((result) => {
      setLoading(false);
      if (result.ok) {
        setConversations([...result.value].sort(byRecency));
        setError(null);
      } else {
        setError(result.error.message);
      }
    });
  }, [client]);

  useEffect(reload, [reload]);

  useEngineEvents((event) => {
    if (event.type === 'conversation.deleted') {
      setConversations((all) => all.filter((c) => c.id !== event.conversationId));
      return;
    }
    if (event.type === 'conversation.created' || event.type === 'conversation.updated' || event.type === 'message.added') {
      const updated = event.conversation;
      setConversations((all) => [updated, ...all.filter((c) => c.id !== updated.id)].sort(byRecency));
    }
  });

  return { conversations, loading, error, reload };
}
