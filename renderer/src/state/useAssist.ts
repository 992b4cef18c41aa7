import { useEffect, useState } from 'react';
import type { Output } from '../../../main/api/contract.js';
import { useClient, useEngineEvents } from './clientContext.js';

export type AssistResult = NonNullable<Output<'assist.get'>>;

/**
 * The latest assist result of a conversation, kept live from 'assist.updated' events. A result for an
 * older message never replaces one for a newer message, whatever order events arrive in.
 */
export function useAssist(conversationId: string | null): { assist: AssistResult | null; loading: boolean; error: string | null } {
  const client = useClient();
  const [assist, setAssist] = useState<AssistResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setAssist(null);
    setError(null);
    if (!conversationId) return;
    let current = true;
    setLoading(true);
    void client.call('assist.get', { conversationId }).then((result) => {
      if (!current) return;
      setLoading(false);
      if (result.ok) setAssist((existing) => newer(existing, result.value));
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [client, conversationId]);

  useEngineEvents(
    (event) => {
      if (event.type === 'assist.updated' && event.conversationId === conversationId) {
        setAssist((existing) => newer(existing, event.result));
      }
    },
  );

  return { assist, loading, error };
}

function newer(existing: AssistResult | null, incoming: AssistResult | null): AssistResult | null {
  if (!incoming) return existing;
  if (!existing) return incoming;
  if (incoming.messageSeq !== existing.messageSeq) return incoming.messageSeq > existing.messageSeq ? incoming : existing;
  return incoming.createdAt >= existing.createdAt ? incoming : existing;
}
