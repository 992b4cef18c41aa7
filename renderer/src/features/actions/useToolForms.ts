import { useEffect, useState } from 'react';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import type { Choices, ToolFormView } from './actionFormat.js';

let formsOnce: Promise<ToolFormView[]> | null = null;

/** Every tool's form; they come from the tool schemas, so they are loaded once per session. */
export function useToolForms(): ToolFormView[] {
  const client = useClient();
  const [forms, setForms] = useState<ToolFormView[]>([]);
  useEffect(() => {
    formsOnce ??= client.call('tools.list', {}).then((r) => (r.ok ? r.value : []));
    let live = true;
    void formsOnce.then((f) => live && setForms(f));
    return () => {
      live = false;
    };
  }, [client]);
  return forms;
}

/** What the conversation's reads returned, refreshed whenever one of its actions finishes. */
export function useChoices(conversationId: string): Choices | null {
  const client = useClient();
  const [choices, setChoices] = useState<Choices | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void client.call('actions.choices', { conversationId }).then((r) => live && r.ok && setChoices(r.value));
    return () => {
      live = false;
    };
  }, [client, conversationId, version]);
  useEngineEvents((event) => {
    if (event.type === 'action.updated' && event.action.conversationId === conversationId && event.action.status === 'succeeded') setVersion((v) => v + 1);
  });
  return choices;
}
