import { TandemError } from '../errors.js';
import type { GapQuestion } from './knowledgeGaps.js';
import { topTerms } from './knowledgeGaps.js';

export interface ArticleDraft {
  readonly title: string;
  readonly fileName: string;
  /** Markdown with front matter the knowledge importer reads (title, category, last_updated). */
  readonly markdown: string;
}

/**
 * A starting point for a new knowledge article from a knowledge-gap cluster: the customers' own
 * questions, quoted as data, under an answer section the lead writes before importing. Nothing in it
 * is presented as an answer, so an unreviewed draft cannot become evidence by accident.
 */
export function draftArticleFromQuestions(questions: readonly GapQuestion[], now: number): ArticleDraft {
  if (questions.length === 0) throw new TandemError('E_VALIDATION', 'Pick a knowledge-gap cluster with at least one question to draft an article from.');
  const terms = topTerms(questions.map((q) => q.text), 4);
  const title = terms.length > 0 ? `${capitalize(terms.join(', '))}: what customers ask` : 'Customer questions without an answer';
  const category = mostCommonIntent(questions);
  const counts = new Map<string, number>();
  for (const q of questions) {
    const key = q.text.replace(/\s+/g, ' ').trim().slice(0, 300);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const quoted = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([text, n]) => `- “${text.replace(/[\r\n]+/g, ' ')}”${n > 1 ? ` (asked ${n} times)` : ''}`);
  const day = new Date(now).toISOString().slice(0, 10);
  const markdown = [
    '---',
    `title: ${JSON.stringify(title)}`,
    ...(category ? [`category: ${JSON.stringify(category)}`] : []),
    `last_updated: ${day}`,
    'status: draft',
    '---',
    '',
    `# ${title}`,
    '',
    `Drafted on ${day} from ${questions.length} customer question${questions.length === 1 ? '' : 's'} that found no good evidence in the knowledge base.`,
    'Write the answer, remove this paragraph and the questions list if you like, then import the file into the knowledge base.',
    '',
    '## What customers asked',
    '',
    ...quoted,
    '',
    '## Answer',
    '',
    '(Write the policy or the steps here.)',
    '',
  ].join('\n');
  const slug = terms.join('-').replace(/[^a-z0-9-]/g, '') || 'knowledge-gap';
  return { title, fileName: `${slug}-${day}.md`, markdown };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function mostCommonIntent(questions: readonly GapQuestion[]): string | null {
  const counts = new Map<string, number>();
  for (const q of questions) if (q.intent) counts.set(q.intent, (counts.get(q.intent) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
