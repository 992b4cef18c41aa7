export const SHORTCUT_HELP: readonly [string, string][] = [
  ['N', 'New conversation'],
  ['J / K', 'Next / previous conversation'],
  ['/', 'Filter the inbox'],
  ['R', 'Focus the reply box'],
  ['Ctrl+Enter', 'Send the message'],
  ['Ctrl+Shift+U', 'Toggle “Customer says”'],
  ['Ctrl+Shift+Enter', 'Send the draft (as is, or as edited)'],
  ['D', 'Edit the draft'],
  ['G', 'Regenerate the draft'],
  ['Shift+D', 'Discard the draft'],
  ['A', 'Approve the highlighted action (anything that changes data asks first; Enter confirms)'],
  ['E', 'Edit the highlighted action'],
  ['X', 'Reject the highlighted action'],
  ['T', 'Run a tool by hand'],
  ['Alt+1 … Alt+5', 'Inbox, Knowledge, Approvals, Metrics, Settings'],
  ['?', 'Show this list'],
  ['Esc', 'Close dialogs'],
];

export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <div
        className="modal shortcuts"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        data-testid="shortcuts-overlay"
        // The list itself promises "Esc closes dialogs"; focus starts on Close, so keys arrive here.
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUT_HELP.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
