/** A file's text in the form the chunker expects (Markdown headings for sections). */
export interface ExtractedDocument {
  readonly title: string;
  readonly text: string;
  readonly category?: string;
  /** Epoch ms from the document itself (front matter), when it says. */
  readonly lastUpdated?: number;
  readonly warning?: string;
}

export type Extraction =
  | { readonly ok: true; readonly document: ExtractedDocument }
  | { readonly ok: false; readonly reason: string };

export type DocumentFormat = 'markdown' | 'text' | 'html' | 'pdf' | 'json';
