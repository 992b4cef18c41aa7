import { Modal } from '../../components/Modal.js';

/**
 * "Refund $52.01 to credit card ending 5988?": a single key never changes data; it opens this, and
 * Enter (the focused button) confirms. Esc or a click outside cancels.
 */
export function ConfirmDialog({ question, confirmLabel, onConfirm, onCancel }: { question: string; confirmLabel: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Modal label="Confirm action" testId="confirm-dialog" className="confirm-dialog" role="alertdialog" onClose={onCancel}>
      <h2 data-testid="confirm-question">{question}</h2>
      <p className="muted">Enter confirms, Esc cancels.</p>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel}>Cancel</button>
        <button type="button" className="button primary" autoFocus onClick={onConfirm} data-testid="confirm-yes">{confirmLabel}</button>
      </div>
    </Modal>
  );
}
