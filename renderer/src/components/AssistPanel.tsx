import { useState } from 'react';
import { ASSIST_SECTIONS } from '../features/assistSections.js';
import type { ConversationDetail } from '../state/useConversation.js';
import { EmptyState } from './EmptyState.js';

/** The right-hand column: what Tandem suggests for the open conversation, section by section. */
export function AssistPanel({ detail }: { detail: ConversationDetail | null }) {
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  return (
    <aside className="assist" data-testid="assist-panel" aria-label="Assist">
      <header className="assist-header">
        <h2>Assist</h2>
      </header>
      {!detail ? (
        <EmptyState title="Nothing selected">Open a conversation to see its intent, evidence, actions and draft.</EmptyState>
      ) : (
        ASSIST_SECTIONS.map((section) => {
          const Component = section.component;
          const isCollapsed = collapsed[section.id] ?? false;
          return (
            <section key={section.id} className="assist-section" data-testid={`assist-${section.id}`}>
              <button
                type="button"
                className="assist-section-title"
                aria-expanded={!isCollapsed}
                onClick={() => setCollapsed((c) => ({ ...c, [section.id]: !isCollapsed }))}
              >
                <span className="chevron" aria-hidden="true">
                  {isCollapsed ? '▸' : '▾'}
                </span>
                {section.title}
              </button>
              {isCollapsed ? null : Component ? <Component detail={detail} /> : <p className="assist-idle">{section.idle}</p>}
            </section>
          );
        })
      )}
    </aside>
  );
}
