import matter from 'gray-matter';
import type { Extraction } from './types.js';

/** Markdown with optional YAML front matter (title, category, last_updated/updated/date). */
export function extractMarkdown(text: string, fallbackTitle: string): Extraction {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text);
  } catch (error) {
    return { ok: false, reason: `The front matter is not valid YAML (${(error as Error).message.split('\n')[0]}); fix it or remove it.` };
  }
  const data = parsed.data as Record<string, unknown>;
  const body = parsed.content.trim();
  if (!body) return { ok: false, reason: 'The file has no text after its front matter.' };
  const firstHeading = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
  const title = stringField(data.title) ?? firstHeading ?? fallbackTitle;
  const updated = data.last_updated ?? data.updated ?? data.date;
  const lastUpdated = updated instanceof Date ? updated.getTime() : typeof updated === 'string' ? Date.parse(updated) : undefined;
  const category = stringField(data.category);
  return {
    ok: true,
    document: {
      title,
      text: body,
      ...(category ? { category } : {}),
      ...(lastUpdated !== undefined && Number.isFinite(lastUpdated) ? { lastUpdated } : {}),
    },
  };
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
