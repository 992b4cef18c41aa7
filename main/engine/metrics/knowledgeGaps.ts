import type { Embedder } from '../../ml/embedder.js';
import type { AssistResult } from '../assist/types.js';
import type { Database } from '../store/database.js';
import { hasGoodEvidence } from './reviewList.js';

export interface GapQuestion {
  readonly messageId: string;
  readonly conversationId: string;
  readonly text: string;
  readonly intent: string | null;
  readonly at: number;
}

export interface GapCluster {
  /** The id of the cluster's first question: stable while the range holds the same questions. */
  readonly id: string;
  readonly size: number;
  readonly topTerms: readonly string[];
  /** Up to three questions closest to the cluster's centre. */
  readonly representatives: readonly GapQuestion[];
  readonly intent: string | null;
  readonly messageIds: readonly string[];
  readonly conversationIds: readonly string[];
}

export interface KnowledgeGapReport {
  readonly method: 'embedding' | 'lexical';
  readonly questions: number;
  readonly clusters: readonly GapCluster[];
}

/** Most recent first; a week of a busy team fits, and clustering stays well under a second. */
const MAX_QUESTIONS = 2000;
/** Cosine to a cluster centre above which a question joins it (embedding and lexical vectors differ in scale). */
const JOIN_THRESHOLD = { embedding: 0.72, lexical: 0.34 } as const;

/** Customer questions in the range whose assist result had no evidence at or above the score. */
export function ungroundedQuestions(db: Database, workspaceId: string, range: { from: number; to: number }, goodEvidenceScore: number): GapQuestion[] {
  const rows = db
    .prepare(
      `SELECT x.result_json, m.id, m.conversation_id, m.content, m.created_at FROM assist_results x
       CROSS JOIN messages m ON m.id = x.message_id CROSS JOIN conversations c ON c.id = x.conversation_id
       WHERE c.workspace_id = ? AND x.created_at >= ? AND x.created_at < ? ORDER BY x.created_at DESC LIMIT ?`,
    )
    .all(workspaceId, range.from, range.to, MAX_QUESTIONS * 4) as { result_json: string; id: string; conversation_id: string; content: string; created_at: number }[];
  const out: GapQuestion[] = [];
  for (const row of rows) {
    let result: AssistResult;
    try {
      result = JSON.parse(row.result_json) as AssistResult;
    } catch {
      continue;
    }
    if (hasGoodEvidence(result, goodEvidenceScore)) continue;
    out.push({ messageId: row.id, conversationId: row.conversation_id, text: row.content, intent: result.routing?.intent ?? null, at: row.created_at });
    if (out.length >= MAX_QUESTIONS) break;
  }
  return out;
}

/**
 * Groups the questions: by sentence embeddings when the workspace has an embedder, by content words
 * otherwise. Greedy leader clustering against running centroids: one pass, deterministic, and no
 * number of clusters to guess. Biggest clusters first.
 */
export async function clusterQuestions(questions: readonly GapQuestion[], embedder: Embedder | null): Promise<KnowledgeGapReport> {
  if (questions.length === 0) return { method: embedder ? 'embedding' : 'lexical', questions: 0, clusters: [] };
  const method = embedder ? 'embedding' : 'lexical';
  const vectors = embedder ? (await embedder.embed(questions.map((q) => q.text))).map((v) => Array.from(v)) : lexicalVectors(questions.map((q) => q.text));
  const threshold = JOIN_THRESHOLD[method];
  const clusters: { members: number[]; sum: number[] }[] = [];
  vectors.forEach((vector, index) => {
    let best = -1;
    let bestScore: number = threshold;
    clusters.forEach((cluster, c) => {
      const score = cosine(vector, cluster.sum);
      if (score >= bestScore) {
        best = c;
        bestScore = score;
      }
    });
    const target = clusters[best];
    if (target) {
      target.members.push(index);
      for (let d = 0; d < vector.length; d += 1) target.sum[d] = (target.sum[d] ?? 0) + (vector[d] ?? 0);
    } else {
      clusters.push({ members: [index], sum: [...vector] });
    }
  });
  const built = clusters.map((cluster): GapCluster => {
    const members = cluster.members.map((i) => questions[i] as GapQuestion);
    const ranked = [...cluster.members].sort((a, b) => cosine(vectors[b] ?? [], cluster.sum) - cosine(vectors[a] ?? [], cluster.sum));
    return {
      id: (members[0] as GapQuestion).messageId,
      size: members.length,
      topTerms: topTerms(members.map((m) => m.text), 4),
      representatives: ranked.slice(0, 3).map((i) => questions[i] as GapQuestion),
      intent: mostCommon(members.map((m) => m.intent).filter((x): x is string => x !== null)),
      messageIds: members.map((m) => m.messageId),
      conversationIds: [...new Set(members.map((m) => m.conversationId))],
    };
  });
  built.sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
  return { method, questions: questions.length, clusters: built };
}

const STOPWORDS = new Set(
  'the a an and or but if to of in on at for with from by is are was were be been am i me my we our you your it its this that these those have has had do does did not no can could would should will just so as about what when where how why which who there here please hi hello thanks thank get got want need order'.split(' '),
);

export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z']+/g) ?? [])
    .map((w) => w.replace(/'s$/, ''))
    .filter((w) => w.length >= 3 && !STOPWORDS.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

function lexicalVectors(texts: readonly string[]): number[][] {
  const vocabulary = new Map<string, number>();
  const bags = texts.map((t) => contentWords(t));
  for (const bag of bags) for (const w of bag) if (!vocabulary.has(w)) vocabulary.set(w, vocabulary.size);
  return bags.map((bag) => {
    const v = new Array<number>(vocabulary.size).fill(0);
    for (const w of new Set(bag)) v[vocabulary.get(w) as number] = 1;
    return v;
  });
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export function topTerms(texts: readonly string[], n: number): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) for (const w of new Set(contentWords(text))) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([w]) => w);
}

function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}
