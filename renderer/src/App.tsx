import { usePendingApprovals } from './features/actions/usePendingApprovals.js';
import { useMemo, useRef, useState } from 'react';
import { AssistPanel } from './components/AssistPanel.js';
import { ConversationView } from './components/ConversationView.js';
import { EmptyState } from './components/EmptyState.js';
import { displayName, InboxList } from './components/InboxList.js';
import { NewConversationDialog, type NewConversationInput } from './components/NewConversationDialog.js';
import { NoticeBar } from './components/NoticeBar.js';
import { Rail, SECTIONS, type Section } from './components/Rail.js';
import { ShortcutsOverlay } from './components/ShortcutsOverlay.js';
import { knowledgeStore } from './features/knowledge/knowledgeStore.js';
import { SCREENS } from './features/screens.js';
import { useWorkspaceRestoredReload } from './features/dataSafety/workspaceReload.js';
import { SettingsScreen } from './screens/SettingsScreen.js';
import { useClient, useConnection } from './state/clientContext.js';
import { NavigationProvider, type Navigation } from './state/navigation.js';
import { useNotices } from './state/notices.js';
import { useConversation } from './state/useConversation.js';
import { useInbox } from './state/useInbox.js';
import { useShortcuts } from './state/useShortcuts.js';

export function App() {
  const client = useClient();
  const connection = useConnection();
  const { push } = useNotices();
  const inbox = useInbox();
  const [section, setSection] = useState<Section>('inbox');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [asCustomer, setAsCustomer] = useState(false);
  const [dialog, setDialog] = useState<'new' | 'shortcuts' | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const conversation = useConversation(selectedId);
  useWorkspaceRestoredReload();

  const visible = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return inbox.conversations;
    return inbox.conversations.filter((c) =>
      [displayName(c), c.customerRef ?? '', c.subject, c.lastMessagePreview ?? ''].some((s) => s.toLowerCase().includes(q)),
    );
  }, [inbox.conversations, filter]);

  const move = (step: number): void => {
    if (visible.length === 0) return;
    const index = visible.findIndex((c) => c.id === selectedId);
    const next = visible[Math.max(0, Math.min(visible.length - 1, index < 0 ? 0 : index + step))];
    if (next) {
      setSection('inbox');
      setSelectedId(next.id);
    }
  };

  useShortcuts([
    { keys: 'n', run: () => setDialog('new') },
    { keys: 'j', run: () => move(1) },
    { keys: 'k', run: () => move(-1) },
    { keys: '/', run: () => (setSection('inbox'), window.setTimeout(() => filterRef.current?.focus(), 0)) },
    { keys: 'r', run: () => composerRef.current?.focus() },
    { keys: '?', run: () => setDialog('shortcuts') },
    { keys: 'Ctrl+Shift+U', run: () => setAsCustomer((v) => !v), whileTyping: true },
    ...SECTIONS.map((s, i) => ({ keys: `Alt+${i + 1}`, run: () => setSection(s.id), whileTyping: true })),
  ]);

  const createConversation = async (input: NewConversationInput): Promise<boolean> => {
    const result = await client.call('conversation.create', {
      ...(input.customerRef.trim() ? { customerRef: input.customerRef } : {}),
      ...(input.subject.trim() ? { subject: input.subject } : {}),
      ...(input.firstMessage.trim() ? { firstMessage: input.firstMessage } : {}),
    });
    if (!result.ok) {
      push('error', result.error.message);
      return false;
    }
    setSection('inbox');
    setFilter('');
    setSelectedId(result.value.id);
    window.setTimeout(() => composerRef.current?.focus(), 0);
    return true;
  };

  const send = async (content: string, role: 'customer' | 'agent'): Promise<boolean> => {
    if (!selectedId) return false;
    const result = await client.call('conversation.send', { id: selectedId, role, content });
    if (!result.ok) push('error', result.error.message);
    return result.ok;
  };

  const setStatus = async (status: 'open' | 'resolved' | 'escalated'): Promise<void> => {
    if (!selectedId) return;
    const result = await client.call('conversation.setStatus', { id: selectedId, status });
    if (!result.ok) push('error', result.error.message);
    else push('info', status === 'resolved' ? 'Conversation resolved.' : 'Conversation reopened.');
  };

  // Screens such as Metrics open a conversation in the inbox (drill-down → conversation).
  const navigation = useMemo<Navigation>(
    () => ({
      openConversation: (id) => (setSection('inbox'), setFilter(''), setSelectedId(id)),
      openDocument: (documentId, chunkId, terms = []) => (knowledgeStore.showDocument({ documentId, chunkId, terms }), setSection('knowledge')),
    }),
    [],
  );

  const openCount = inbox.conversations.filter((c) => c.status === 'open').length;
  const { pending: pendingApprovals } = usePendingApprovals();

  return (
    <NavigationProvider value={navigation}>
    <div className="app">
      <Rail section={section} onSelect={setSection} connection={connection} badges={{ inbox: openCount, approvals: pendingApprovals.length }} />
      <main className="workspace">
        <NoticeBar />
        {section === 'inbox' ? (
          <div className="inbox-layout">
            <InboxList
              ref={filterRef}
              conversations={visible}
              loading={inbox.loading}
              error={inbox.error}
              selectedId={selectedId}
              filter={filter}
              onFilter={setFilter}
              onSelect={setSelectedId}
              onNew={() => setDialog('new')}
            />
            <ConversationView
              ref={composerRef}
              detail={conversation.detail}
              loading={conversation.loading}
              error={conversation.error}
              asCustomer={asCustomer}
              onToggleRole={() => setAsCustomer((v) => !v)}
              onSend={send}
              onStatus={(s) => void setStatus(s)}
            />
            <AssistPanel detail={conversation.detail} />
          </div>
        ) : section === 'settings' ? (
          <SettingsScreen />
        ) : (
          <FeatureScreen section={section} />
        )}
      </main>
      {dialog === 'new' ? <NewConversationDialog onCreate={createConversation} onClose={() => setDialog(null)} /> : null}
      {dialog === 'shortcuts' ? <ShortcutsOverlay onClose={() => setDialog(null)} /> : null}
    </div>
    </NavigationProvider>
  );
}

function FeatureScreen({ section }: { section: Exclude<Section, 'inbox' | 'settings'> }) {
  const spec = SCREENS[section];
  const Component = spec.component;
  return (
    <section className="screen" data-testid={`${section}-screen`}>
      {Component ? (
        <Component />
      ) : (
        <>
          <header className="screen-header">
            <h1>{spec.title}</h1>
          </header>
          <EmptyState title={`No ${spec.title.toLowerCase()} yet`}>{spec.idle}</EmptyState>
        </>
      )}
    </section>
  );
}
