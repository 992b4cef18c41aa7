import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { bm25Search } from '../../../../main/engine/knowledge/hybridSearch.js';
import type { Embedder } from '../../../../main/ml/embedder.js';
import { FixedClock } from '../../../support/fixedClock.js';
import { tempDir } from '../../../support/tempDir.js';

/**
 * A topic embedder standing in for a sentence encoder: a text about a credit limit, about a fee, about
 * an overdraft or a mortgage, or anything else (chit-chat, a persona). It lets the test say which
 * sentences of a long message are about the articles, independently of the words BM25 matches.
 */
const topicEmbedder: Embedder = {
  id: 'test:topics',
  dimension: 4,
  async embed(texts) {
    return texts.map((text) => {
      const t = text.toLowerCase();
      if (t.includes('limit')) return Float32Array.from([1, 0, 0, 0]);
      if (t.includes('fee')) return Float32Array.from([0, 1, 0, 0]);
      if (t.includes('overdraft') || t.includes('mortgage')) return Float32Array.from([0, 0, 1, 0]);
      return Float32Array.from([0, 0, 0, 1]);
    });
  },
  async close() {},
};

const DOCS: Record<string, string> = {
  'limit.md': '# Credit limit increase\n\nTo ask for a credit limit increase, request a higher limit in the app; the review takes two days.',
  'travel.md': '# Travel fees\n\nA fee applies to hotel bookings, flights, rental cars and airport lounge visits paid abroad.',
  'atm.md': '# Cash machine fees\n\nA fee applies to cash withdrawals at the machines of other banks.',
  'overdraft.md': '# First overview\n\nAn overdraft lets the balance go below zero for a while.',
  'mortgage.md': '# Second overview\n\nA mortgage is a home loan; mortgage rates and mortgage terms vary.',
};

let engine: Engine;

beforeAll(async () => {
  engine = openEngine({ dataDir: tempDir('tandem-long-query', { scope: 'file' }), clock: new FixedClock(), embedder: topicEmbedder });
  await engine.knowledgeReady;
  const folder = tempDir('tandem-long-query-docs', { scope: 'file' });
  for (const [name, text] of Object.entries(DOCS)) writeFileSync(join(folder, name), text);
  expect((await engine.knowledge.startImport([folder]).done).imported).toBe(5);
}, 60_000);

afterAll(() => engine?.close());

const titles = (result: { hits: readonly { citation: { documentTitle: string } }[] }): string[] => result.hits.map((h) => h.citation.documentTitle);

/** Words the articles never use, so the message passes one chunk (500 characters) without changing any score. */
const FILLER = 'You are polite and patient, you answer one question at a time, and you wait for each reply before you continue your story.';

describe('long messages', () => {
  it('weight a BM25 term by how often the message says it (query term frequency), in lexical and hybrid mode', async () => {
    // Said once each, "mortgage" wins: that article says it three times, the other says "overdraft" once.
    const short = await engine.knowledge.search('overdraft overdraft overdraft overdraft mortgage', { mode: 'lexical', limit: 2 });
    expect(titles(short)[0]).toBe('Second overview');
    const long = `${FILLER}\nMy overdraft worries me. The overdraft grew last week. I want the overdraft explained. What is an overdraft anyway? I also once had a mortgage.\n${FILLER}\n${FILLER}`;
    expect(long.length).toBeGreaterThan(500);
    expect(titles(await engine.knowledge.search(long, { mode: 'lexical', limit: 2 }))[0]).toBe('First overview');
    expect(titles(await engine.knowledge.search(long, { limit: 2 }))[0]).toBe('First overview');
  });

  it('keep a short message on the unchanged path: each distinct word scored once', async () => {
    const result = await engine.knowledge.search('overdraft overdraft mortgage', { mode: 'lexical', limit: 2 });
    const plain = bm25Search(engine.db, ['overdraft', 'mortgage'], engine.workspace.id, null, 2, { budget: Number.POSITIVE_INFINITY });
    expect(result.hits.map((h) => h.scores.bm25)).toEqual(plain.map((h) => h.score));
  });

  it('add a focused BM25 query from the sentences nearest the retrieved articles, outranking a persona the full query matches', async () => {
    const story = [
      'You are polite and patient with the person who helps you.',
      'You answer one question at a time and wait for each reply.',
      'You never write as if you were the one who helps.',
      'You are a consultant and you travel all the time for work.',
      'Hotel bookings, flights, rental cars and airport lounge visits fill every week of yours.',
      'Your company pays for every hotel, every flight, every rental car and every lounge.',
      'You like to talk about hotel points, rental upgrades and the airport lounge you visit most.',
      'You want a credit limit increase on your card.',
      'You ask for a higher credit limit before a large purchase next month.',
    ].join(' ');
    expect(story.length).toBeGreaterThan(500);
    // The whole story's words favour the travel article; BM25 alone puts it first.
    expect(titles(await engine.knowledge.search(story, { mode: 'lexical', limit: 3 }))[0]).toBe('Travel fees');
    // The embedder places the two limit sentences next to a retrieved article and the other seven next to
    // none; of those, the first three (ties keep the earlier sentence) fill the kept half. The focused
    // query is about the limit, and hybrid search ranks that article first.
    const hybrid = await engine.knowledge.search(story, { limit: 3 });
    expect(hybrid.mode).toBe('hybrid');
    expect(titles(hybrid)[0]).toBe('Credit limit increase');
    expect(hybrid.reranker?.kind).toBe('fused');
    // A long message's own sentences are not vector rankings of their own: no hit carries a query cosine.
    expect(hybrid.hits.every((h) => h.scores.vector === null)).toBe(true);
  });
});
