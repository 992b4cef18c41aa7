import { useState } from 'react';
import { ASSIST_SECTIONS } from '../features/assistSections.js';
import { useAssist } from '../state/useAssist.js';
import type { ConversationDetail } from '../state/useConversation.js';
import { EmptyState } from './EmptyState.js';

/** The right-hand column: what Tandem suggests for the open conversation, section by section. */
export function AssistPanel({ detail }: { detail: ConversationDetail | null }) {
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  const { assist, error } = useAssist(detail?.conversation.id ?? null);
  return (
    <aside className="assist" data-testid="assist-panel" aria-label="Assist">
      <header className="assist-header">
        <h2>Assist</h2>
        {assist ? (
          <span className="assist-timing" title="Time to compute this assist result" data-testid="assist-timing">
            {Math.round(assist.timings.total)} ms
          </span>
        ) : null}
      </header>
      {error ? <div className="inline-error">{error}</div> : null}
      {assist?.stageErrors.map((s) => (
        <div key={s.stage} className="inline-error">
          {s.stage}: {s.message}
        </div>
      ))}
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
              {isCollapsed ? null : Component ? <Component detail={detail} assist={assist} /> : <p className="assist-idle">{section.idle}</p>}
            </section>
          );
        })
      )}
    </aside>
  );
}
