import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { bm25Search, completeSearch, prepareSearch } from '../../../../main/engine/knowledge/hybridSearch.js';
import { termStatisticsFor } from '../../../../main/engine/knowledge/termStatistics.js';
import { FixedClock } from '../../../support/fixedClock.js';
import { hashEmbedder } from '../../../support/hashEmbedder.js';
import { tempDir } from '../../../support/tempDir.js';

let engine: Engine;

/** 30 articles that all mention "order"; a few mention rarer words; one category in five is "returns". */
beforeAll(async () => {
  engine = openEngine({ dataDir: tempDir('tandem-bm25', { scope: 'file' }), clock: new FixedClock(), embedder: hashEmbedder() });
  await engine.knowledgeReady;
  const folder = tempDir('tandem-bm25-docs', { scope: 'file' });
  for (let i = 0; i < 30; i++) {
    const category = i % 5 === 0 ? 'returns' : 'shipping';
    const extra = i % 7 === 0 ? ' The blender arrived damaged and the order was refunded.' : i % 3 === 0 ? ' A damaged parcel is replaced.' : '';
    writeFileSync(join(folder, `a${i}.md`), `---\ncategory: ${category}\n---\n# Article ${i}\n\nYour order number ${i} ships in ${i % 4 + 1} days.${extra}`);
  }
  expect((await engine.knowledge.startImport([folder]).done).imported).toBe(30);
}, 60_000);

afterAll(() => engine?.close());

const ids = (hits: readonly { chunkId: number }[]): number[] => hits.map((h) => h.chunkId);

describe('BM25 postings budget', () => {
  it('counts chunks per query word through the index tokenizer (stems)', () => {
    const df = termStatisticsFor(engine.db).documentFrequencies(['order', 'damaged', 'blender', 'absent']);
    expect(df.get('order')).toBe(30);
    expect(df.get('damaged')).toBe(engine.db.prepare(`SELECT count(*) AS n FROM knowledge_fts WHERE knowledge_fts MATCH '"damaged"'`).pluck().get());
    expect(df.get('blender')).toBe(5);
    expect(df.get('absent')).toBe(0);
  });

  it('gives exactly the unlimited ranking on a small corpus, where every term fits the budget', async () => {
    const terms = ['order', 'damaged', 'blender', 'refunded'];
    const ws = engine.workspace.id;
    expect(bm25Search(engine.db, terms, ws, null, 20)).toEqual(bm25Search(engine.db, terms, ws, null, 20, { budget: Number.POSITIVE_INFINITY }));
    const limited = await engine.knowledge.search('damaged blender order refunded', { mode: 'lexical', limit: 10 });
    const unlimited = await engine.knowledge.search('damaged blender order refunded', { mode: 'lexical', limit: 10, bm25Budget: Number.POSITIVE_INFINITY });
    expect(ids(limited.hits)).toEqual(ids(unlimited.hits));
    const hybrid = await engine.knowledge.search('damaged blender order', { limit: 5 });
    const hybridUnlimited = await engine.knowledge.search('damaged blender order', { limit: 5, bm25Budget: Number.POSITIVE_INFINITY });
    expect(ids(hybrid.hits)).toEqual(ids(hybridUnlimited.hits));
  });

  it('leaves out the commonest term when the postings exceed the budget', () => {
    const hits = bm25Search(engine.db, ['order', 'blender'], engine.workspace.id, null, 30, { budget: 10 });
    expect(hits).toHaveLength(5); // only the chunks with the rarer "blender"
    const all = bm25Search(engine.db, ['order', 'blender'], engine.workspace.id, null, 30, { budget: Number.POSITIVE_INFINITY });
    expect(all).toHaveLength(30);
  });

  it('filters by category after ranking exactly as filtering first would, growing the window as needed', () => {
    const ws = engine.workspace.id;
    const filtered = bm25Search(engine.db, ['order'], ws, ['returns'], 6);
    const returnsIds = new Set(engine.db.prepare(`SELECT id FROM knowledge_chunks WHERE category = 'returns'`).pluck().all() as number[]);
    const expected = bm25Search(engine.db, ['order'], ws, null, 100).filter((h) => returnsIds.has(h.chunkId)).slice(0, 6);
    expect(filtered).toEqual(expected);
    expect(filtered).toHaveLength(6);
    expect(bm25Search(engine.db, ['order'], 'another-workspace', null, 5)).toEqual([]);
  });
});

describe('a search prepared before its intent is known', () => {
  it('ranks exactly as a search filtered from the start, whether or not the read-ahead covers the filter', async () => {
    const ws = engine.workspace.id;
    // refund_request filters to returns/billing/policies: 6 of the 30 articles. A read-ahead of
    // 4 × depth rows covers that filter at depth 1 and 2 and falls short at depth 5 and 6.
    const returnsLike = ['returns', 'billing', 'policies'];
    for (const depth of [1, 2, 5, 6]) {
      const prepared = prepareSearch(engine.db, null, { workspaceId: ws, query: 'order', mode: 'lexical', limit: depth, depth });
      const result = await completeSearch(engine.db, engine.knowledge.repository, null, prepared, 'refund_request');
      expect(ids(result.hits)).toEqual(ids(bm25Search(engine.db, ['order'], ws, returnsLike, depth)));
      expect(result.categories).toEqual(returnsLike);
    }
    const unfiltered = prepareSearch(engine.db, null, { workspaceId: ws, query: 'order', mode: 'lexical', limit: 10, depth: 10 });
    expect(ids((await completeSearch(engine.db, engine.knowledge.repository, null, unfiltered, null)).hits)).toEqual(ids(bm25Search(engine.db, ['order'], ws, null, 10)));
  });

  it('sends the query to the embedder before it scores BM25, so the two overlap', async () => {
    const calls: string[] = [];
    const embedder = hashEmbedder();
    const index = { generation: 1, vectors: { candidateSlots: () => [], rescore: () => ({ chunkIds: [], similarities: [] }), dimension: embedder.dimension, vectorOf: () => null }, embedder: {
      ...embedder, id: embedder.id, dimension: embedder.dimension,
      embed: (texts: readonly string[]) => { calls.push('embed'); return embedder.embed(texts); },
    } } as unknown as Parameters<typeof prepareSearch>[1];
    const statement = engine.db.prepare.bind(engine.db);
    const spy = engine.db as unknown as { prepare: (sql: string) => unknown };
    const original = spy.prepare;
    spy.prepare = (sql: string) => {
      if (sql.includes('knowledge_fts MATCH')) calls.push('bm25');
      return statement(sql);
    };
    try {
      const prepared = prepareSearch(engine.db, index, { workspaceId: engine.workspace.id, query: 'damaged blender', limit: 3 });
      expect(calls).toEqual(['embed', 'bm25']);
      await prepared.vectors;
    } finally {
      spy.prepare = original;
    }
  });
});

describe('search memo', () => {
  it('answers the same question twice from one search, and searches again after the index changes', async () => {
    const first = await engine.knowledge.search('my blender arrived damaged', { intent: 'refund_request', limit: 3 });
    const again = await engine.knowledge.search('my blender arrived damaged', { intent: 'refund_request', limit: 3 });
    expect(again).toBe(first);
    expect(await engine.knowledge.search('my blender arrived damaged', { intent: null, limit: 3 })).not.toBe(first);
    const folder = tempDir('tandem-bm25-more');
    writeFileSync(join(folder, 'new.md'), '---\ncategory: returns\n---\n# Blender returns\n\nA damaged blender can be returned for a refund.');
    await engine.knowledge.startImport([folder]).done;
    const after = await engine.knowledge.search('my blender arrived damaged', { intent: 'refund_request', limit: 3 });
    expect(after).not.toBe(first);
    expect(after.hits.map((h) => h.citation.documentTitle)).toContain('Blender returns');
  });
});

describe('long queries', () => {
  it('fuse BM25, the segments and the feedback vector, and keep the fused order (no feature rerank)', async () => {
    const story = Array.from({ length: 12 }, (_, i) => `Sentence ${i}: my order arrived late and the blender inside was damaged, so I want it refunded.`).join(' ');
    expect(story.length).toBeGreaterThan(500);
    const long = await engine.knowledge.search(story, { limit: 5 });
    expect(long.hits.length).toBe(5);
    for (const hit of long.hits) expect(hit.score).toBe(hit.scores.fused);
    expect(long.hits[0]!.matchedTerms).toEqual(expect.arrayContaining(['blender', 'damaged']));
    const short = await engine.knowledge.search('damaged blender', { limit: 5 });
    expect(short.hits.some((h) => h.score !== h.scores.fused)).toBe(true);
  });
});
