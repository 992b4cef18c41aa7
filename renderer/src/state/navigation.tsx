import { createContext, useContext, type ReactNode } from 'react';

/** Lets a screen other than the inbox open a conversation there (e.g. a metric's drill-down). */
export interface Navigation {
  openConversation(id: string): void;
  /** Opens the Knowledge screen's document viewer at a cited chunk (e.g. from the Evidence section). */
  openDocument(documentId: number, chunkId: number | null, terms?: readonly string[]): void;
}

const NavigationContext = createContext<Navigation>({ openConversation: () => undefined, openDocument: () => undefined });

export function NavigationProvider({ value, children }: { value: Navigation; children: ReactNode }) {
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
