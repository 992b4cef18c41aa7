import type { Extraction } from './types.js';

/** PDF text via unpdf (pdf.js). A scanned PDF without a text layer is refused with what to do. */
export async function extractPdf(bytes: Uint8Array, fallbackTitle: string): Promise<Extraction> {
  const { extractText, getDocumentProxy, getMeta } = await import('unpdf');
  let text: string;
  let title = fallbackTitle;
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    try {
      const meta = await getMeta(pdf);
      const metaTitle = (meta.info as Record<string, unknown> | undefined)?.Title;
      if (typeof metaTitle === 'string' && metaTitle.trim()) title = metaTitle.trim();
    } catch {
      // Metadata is optional; the file name is a fine title.
    }
    const result = await extractText(pdf, { mergePages: false });
    text = (result.text as string[]).map((page) => page.trim()).filter(Boolean).join('\n\n');
  } catch (error) {
    return { ok: false, reason: `The PDF could not be read (${(error as Error).message}); check that it opens in a PDF viewer.` };
  }
  if (text.replace(/\s/g, '').length < 20) {
    return { ok: false, reason: 'The PDF has no text layer (probably a scan); run it through OCR and import the result.' };
  }
  return { ok: true, document: { title, text } };
}
