import type { ConnectionState } from '../api/transport.js';

export type Section = 'inbox' | 'knowledge' | 'approvals' | 'metrics' | 'settings';

export const SECTIONS: readonly { id: Section; label: string; icon: string }[] = [
  { id: 'inbox', label: 'Inbox', icon: 'M4 4h16v12h-5l-3 3-3-3H4z' },
  { id: 'knowledge', label: 'Knowledge', icon: 'M5 4h10a4 4 0 0 1 4 4v12H9a4 4 0 0 1-4-4zM9 8h6M9 12h6' },
  { id: 'approvals', label: 'Approvals', icon: 'M5 12l4 4 10-10M4 20h16' },
  { id: 'metrics', label: 'Metrics', icon: 'M4 20V10M10 20V4M16 20v-7M22 20H2' },
  { id: 'settings', label: 'Settings', icon: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2' },
];

export function Rail({
  section,
  onSelect,
  connection,
  badges,
}: {
  section: Section;
  onSelect: (s: Section) => void;
  connection: ConnectionState;
  badges: Partial<Record<Section, number>>;
}) {
  return (
    <nav className="rail" aria-label="Sections">
      <div className="rail-logo" title="Tandem">
        T
      </div>
      {SECTIONS.map((s, index) => (
        <button
          key={s.id}
          type="button"
          className={`rail-button${section === s.id ? ' active' : ''}`}
          data-testid={`rail-${s.id}`}
          aria-current={section === s.id ? 'page' : undefined}
          title={`${s.label} (Alt+${index + 1})`}
          onClick={() => onSelect(s.id)}
        >
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d={s.icon} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span className="rail-label">{s.label}</span>
          {badges[s.id] ? <span className="rail-badge">{badges[s.id]}</span> : null}
        </button>
      ))}
      <div className="rail-spacer" />
      <div
        className={`connection connection-${connection}`}
        data-testid="connection-status"
        data-state={connection}
        title={connection === 'online' ? 'Connected to the local engine' : connection === 'connecting' ? 'Connecting…' : 'Reconnecting to the local engine…'}
      >
        <span className="dot" />
      </div>
    </nav>
  );
}
