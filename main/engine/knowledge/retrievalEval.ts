import { z } from 'zod';
import type { KnowledgeService } from './knowledgeService.js';

/** τ²-style retrieval tasks: the customer's instructions are the query; required_documents are gold. */
export const RetrievalTaskSchema = z.object({
  id: z.string(),
  user_scenario: z.object({ instructions: z.union([z.string(), z.record(z.string(), z.unknown())]) }),
  required_documents: z.array(z.string()).min(1),
});
export type RetrievalTask = z.infer<typeof RetrievalTaskSchema>;

export interface RetrievalFigures {
  readonly 'recall@5': number;
  readonly 'recall@10': number;
  readonly mrr: number;
}

export function taskQuery(task: RetrievalTask): string {
  const instructions = task.user_scenario.instructions;
  return typeof instructions === 'string' ? instructions : JSON.stringify(instructions);
}

/**
 * Document-level metrics: results are chunks, so the ranking is the order in which documents first
 * appear (a document counts once however many of its chunks are hit). recall@k is the share of a
 * task's gold documents in the top k, averaged over tasks; MRR uses the first gold document's rank.
 */
export async function evaluateRetrieval(
  knowledge: KnowledgeService,
  tasks: readonly RetrievalTask[],
  mode: 'hybrid' | 'lexical',
  rerank = true,
): Promise<RetrievalFigures & { perTask: { id: string; ranked: string[] }[] }> {
  let r5 = 0;
  let r10 = 0;
  let mrr = 0;
  const perTask: { id: string; ranked: string[] }[] = [];
  for (const task of tasks) {
    const result = await knowledge.search(taskQuery(task), { limit: 60, depth: 100, mode, rerank });
    const ranked: string[] = [];
    for (const hit of result.hits) {
      const key = knowledge.repository.get(knowledge.workspaceIdOf(), hit.citation.documentId)?.sourceKey.replace(/^article:/, '');
      if (key && !ranked.includes(key)) ranked.push(key);
    }
    const gold = new Set(task.required_documents);
    const recallAt = (k: number): number => ranked.slice(0, k).filter((id) => gold.has(id)).length / gold.size;
    r5 += recallAt(5);
    r10 += recallAt(10);
    const first = ranked.findIndex((id) => gold.has(id));
    mrr += first >= 0 ? 1 / (first + 1) : 0;
    perTask.push({ id: task.id, ranked: ranked.slice(0, 10) });
  }
  const n = Math.max(tasks.length, 1);
  const round = (x: number): number => Math.round((x / n) * 1000) / 1000;
  return { 'recall@5': round(r5), 'recall@10': round(r10), mrr: round(mrr), perTask };
}
