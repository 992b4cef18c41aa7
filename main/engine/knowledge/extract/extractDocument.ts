import { extname, basename } from 'node:path';
import { decodeText } from './decodeText.js';
import { extractHtml } from './html.js';
import { extractJsonArticle } from './jsonArticle.js';
import { extractMarkdown } from './markdown.js';
import { extractPdf } from './pdf.js';
import type { DocumentFormat, Extraction } from './types.js';

const FORMATS: Record<string, DocumentFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.json': 'json',
};

export const SUPPORTED_EXTENSIONS = Object.keys(FORMATS);

export function formatOf(name: string): DocumentFormat | null {
  return FORMATS[extname(name).toLowerCase()] ?? null;
}

/** Bytes of one file → title + text, or a per-file reason for the import report. */
export async function extractDocument(
  name: string,
  bytes: Uint8Array,
): Promise<(Extraction & { externalId?: string; format: DocumentFormat }) | { ok: false; reason: string; format: null }> {
  const format = formatOf(name);
  if (!format) return { ok: false, format: null, reason: `Unsupported file type; import ${SUPPORTED_EXTENSIONS.join(', ')} files.` };
  const fallbackTitle = basename(name, extname(name)).replace(/[-_]+/g, ' ').trim() || name;
  if (bytes.length === 0) return { ok: false, format, reason: 'The file is empty.' };
  if (format === 'pdf') {
    if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
      return { ok: false, format, reason: 'The file has a .pdf name but is not a PDF.' };
    }
    return { ...(await extractPdf(bytes, fallbackTitle)), format };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, format, reason: decoded.reason };
  const text = decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const extraction =
    format === 'markdown'
      ? extractMarkdown(text, fallbackTitle)
      : format === 'html'
        ? extractHtml(text, fallbackTitle)
        : format === 'json'
          ? extractJsonArticle(text)
          : text.trim()
            ? ({ ok: true, document: { title: fallbackTitle, text: text.trim() } } as const)
            : ({ ok: false, reason: 'The file holds only whitespace.' } as const);
  if (extraction.ok && decoded.warning) {
    return { ...extraction, format, document: { ...extraction.document, warning: decoded.warning } };
  }
  return { ...extraction, format };
}
