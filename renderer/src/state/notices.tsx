import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
}

interface NoticeApi {
  readonly notices: readonly Notice[];
  push(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
}

const NoticeContext = createContext<NoticeApi | null>(null);
let nextId = 1;

/** Errors and confirmations shown as dismissible banners; errors stay until dismissed, info fades. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((all) => all.filter((n) => n.id !== id)), []);
  const push = useCallback(
    (kind: Notice['kind'], text: string) => {
      const id = nextId++;
      setNotices((all) => [...all.slice(-3), { id, kind, text }]);
      if (kind === 'info') window.setTimeout(() => dismiss(id), 4000);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ notices, push, dismiss }), [notices, push, dismiss]);
  return <NoticeContext.Provider value={value}>{children}</NoticeContext.Provider>;
}

export function useNotices(): NoticeApi {
  const api = useContext(NoticeContext);
  if (!api) throw new Error('useNotices must be used inside <NoticeProvider>.');
  return api;
}
