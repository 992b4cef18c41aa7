import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import type { DraftView } from './draftFormat.js';

export interface DraftState {
  readonly draft: DraftView | null;
  /** Text streamed so far while an LLM draft is generating (batches joined in seq order). */
  readonly streamed: string;
  readonly error: string | null;
  readonly replace: (draft: DraftView) => void;
}

/**
 * The latest draft of a conversation, kept live from 'draft.updated' and 'draft.tokens'. Opening a
 * conversation that has been assisted but has no open draft asks for one; leaving it stops a
 * streaming LLM draft so the model is free for the next conversation.
 */
export function useDraft(conversationId: string, assistedMessageId: string | null): DraftState {
  const client = useClient();
  const [draft, setDraft] = useState<DraftView | null>(null);
  const [streamed, setStreamed] = useState('');
  const [error, setError] = useState<string | null>(null);
  const nextSeq = useRef(0);
  const generatingId = useRef<string | null>(null);

  const replace = useCallback((incoming: DraftView) => {
    setDraft((current) => (current && current.id !== incoming.id && current.createdAt > incoming.createdAt ? current : incoming));
    if (incoming.status === 'generating') {
      if (generatingId.current !== incoming.id) {
        generatingId.current = incoming.id;
        nextSeq.current = 0;
        setStreamed('');
      }
    } else if (generatingId.current === incoming.id) {
      generatingId.current = null;
    }
  }, []);

  useEffect(() => {
    setDraft(null);
    setStreamed('');
    setError(null);
    generatingId.current = null;
    let current = true;
    void client.call('draft.get', { conversationId }).then((result) => {
      if (!current) return;
      if (!result.ok) return setError(result.error.message);
      if (result.value) replace(result.value);
      const existing = result.value;
      const settled = existing && (existing.status === 'ready' || existing.status === 'generating' || existing.status === 'sent' || existing.status === 'discarded');
      // A template written in the background is upgraded by the engine when a model is loaded (else it is returned as is).
      const upgradable = existing?.status === 'ready' && existing.source === 'template' && existing.fallbackReason === null;
      if ((!settled || upgradable) && assistedMessageId) {
        void client.call('draft.generate', { conversationId }).then((r) => {
          if (!current) return;
          if (r.ok) replace(r.value);
          else setError(r.error.message);
        });
      }
    });
    return () => {
      current = false;
      // Leaving the conversation: a model still writing for it would only delay the next one.
      if (generatingId.current) void client.call('draft.abort', { conversationId });
    };
    // assistedMessageId is read once per conversation; later drafts arrive as events.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, conversationId, replace]);

  // The first assist result of a new conversation: ask for its draft if none came by event yet.
  useEffect(() => {
    if (!assistedMessageId || draft) return;
    const timer = window.setTimeout(() => {
      void client.call('draft.generate', { conversationId }).then((r) => r.ok && replace(r.value));
    }, 400);
    return () => window.clearTimeout(timer);
  }, [client, conversationId, assistedMessageId, draft, replace]);

  useEngineEvents((event) => {
    if (event.type === 'draft.updated' && event.conversationId === conversationId) replace(event.draft);
    else if (event.type === 'draft.tokens' && event.conversationId === conversationId && event.draftId === generatingId.current) {
      // Batches arrive in order over one socket; a gap (missed batch) is repaired by the final draft.updated.
      if (event.seq >= nextSeq.current) {
        nextSeq.current = event.seq + 1;
        setStreamed((text) => text + event.text);
      }
    }
  });

  return { draft, streamed, error, replace };
}
