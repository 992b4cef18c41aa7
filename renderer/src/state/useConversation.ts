import { useEffect, useState } from 'react';
import type { Output } from '../../../main/api/contract.js';
import { useClient, useEngineEvents } from './clientContext.js';

export type ConversationDetail = Output<'conversation.get'>;
export type Message = ConversationDetail['messages'][number];

/** One conversation and its thread, kept live; messages are de-duplicated by id and kept in seq order. */
export function useConversation(id: string | null): {
  detail: ConversationDetail | null;
  loading: boolean;
  error: string | null;
} {
  const client = useClient();
  const [detail, setDetail] = useState<ConversationDetail | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setDetail(null);
    setError(null);
    if (!id) return;
    let current = true;
    setLoading(true);
    void client.call('conversation.get', { id }).then((result) => {
      if (!current) return;
      setLoading(false);
      if (result.ok) setDetail(result.value);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [client, id]);

  useEngineEvents(
    (event) => {
      if (!id) return;
      if (event.type === 'message.added' && event.message.conversationId === id) {
        setDetail((d) => {
          if (!d || d.messages.some((m) => m.id === event.message.id)) return d;
          const messages = [...d.messages, event.message].sort((a, b) => a.seq - b.seq);
          return { conversation: event.conversation, messages };
        });
      } else if (event.type === 'conversation.updated' && event.conversation.id === id) {
        setDetail((d) => (d ? { ...d, conversation: event.conversation } : d));
      } else if (event.type === 'conversation.deleted' && event.conversationId === id) {
        setDetail(null);
        setError('This conversation was deleted.');
      }
    },
  );

  return { detail, loading, error };
}
