import { z } from 'zod';
import type { Extraction } from './types.js';

const Article = z.object({
  id: z.union([z.string().min(1), z.number()]),
  title: z.string().min(1),
  content: z.string(),
  category: z.string().optional(),
  last_updated: z.string().optional(),
});

/** A help-centre article exported as JSON `{id, title, content}` (content is Markdown). */
export function extractJsonArticle(text: string): Extraction & { externalId?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `The JSON is not valid (${(error as Error).message}); fix the file or export it again.` };
  }
  const parsed = Article.safeParse(value);
  if (!parsed.success) return { ok: false, reason: 'The JSON is not an article: it needs "id", "title" and "content" fields.' };
  const { id, title, content, category, last_updated } = parsed.data;
  if (!content.trim()) return { ok: false, reason: 'The article has an empty "content" field.' };
  const lastUpdated = last_updated ? Date.parse(last_updated) : undefined;
  return {
    ok: true,
    externalId: String(id),
    document: {
      title: title.trim(),
      text: content.trim(),
      ...(category ? { category } : {}),
      ...(lastUpdated !== undefined && Number.isFinite(lastUpdated) ? { lastUpdated } : {}),
    },
  };
}
