import type { ReactNode } from 'react';

/**
 * A dialog over the app: a click outside or Esc closes it, and its keys stay inside (the single-key
 * shortcuts of the screen behind it must not fire while it is open).
 */
export function Modal({ label, testId, className = '', role = 'dialog', onClose, children }: {
  label: string;
  testId: string;
  className?: string;
  role?: 'dialog' | 'alertdialog';
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={`modal ${className}`.trim()}
        role={role}
        aria-modal="true"
        aria-label={label}
        data-testid={testId}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape') onClose();
        }}
      >
        {children}
      </div>
    </div>
  );
}
