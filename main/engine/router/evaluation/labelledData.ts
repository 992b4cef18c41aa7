import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { DEFAULT_TAXONOMY } from '../defaultTaxonomy.js';
import { stratifiedSplit } from '../seededRandom.js';

/** Labelled utterances for training or evaluation; `oos` marks out-of-scope examples. */
export interface LabelledSet {
  readonly texts: string[];
  readonly labels: string[];
}

export const OOS_LABEL = 'oos';

const ClincSchema = z
  .object({
    train: z.array(z.tuple([z.string(), z.string()])).optional(),
    val: z.array(z.tuple([z.string(), z.string()])).optional(),
    test: z.array(z.tuple([z.string(), z.string()])).optional(),
    oos_train: z.array(z.tuple([z.string(), z.string()])).optional(),
    oos_val: z.array(z.tuple([z.string(), z.string()])).optional(),
    oos_test: z.array(z.tuple([z.string(), z.string()])).optional(),
  })
  .passthrough();

/**
 * Reads a data set as the CLI accepts it: CSV with `text,category` columns (Banking77; fields may
 * span lines, so a real CSV parser), CLINC150 JSON (train/val/test + oos_* lists of [text, intent]),
 * or the word `default` for the examples of the built-in taxonomy.
 * For CLINC, role 'train' takes train + oos_train; role 'test' takes test + oos_test if present,
 * otherwise val + oos_val. Out-of-scope examples get the label `oos`.
 */
export function readLabelledSet(path: string, role: 'train' | 'test'): LabelledSet {
  if (path === 'default') {
    const texts: string[] = [];
    const labels: string[] = [];
    for (const intent of DEFAULT_TAXONOMY.intents) {
      for (const example of intent.examples) {
        texts.push(example);
        labels.push(intent.name);
      }
    }
    return { texts, labels };
  }
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the path.`);
  }
  if (path.toLowerCase().endsWith('.json') || raw.trimStart().startsWith('{')) return fromClinc(path, raw, role);
  let rows: Record<string, string>[];
  try {
    rows = parse(raw, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (error) {
    throw new Error(`${path} is not valid CSV (${(error as Error).message}). Expected a header "text,category".`);
  }
  if (rows.length === 0 || !('text' in rows[0]!) || !('category' in rows[0]!)) {
    throw new Error(`${path} needs the columns "text" and "category".`);
  }
  const usable = rows.filter((r) => r.text && r.category);
  return { texts: usable.map((r) => r.text!), labels: usable.map((r) => r.category!) };
}

function fromClinc(path: string, raw: string, role: 'train' | 'test'): LabelledSet {
  let data: z.infer<typeof ClincSchema>;
  try {
    data = ClincSchema.parse(JSON.parse(raw));
  } catch (error) {
    throw new Error(`${path} is not CLINC150 JSON with lists of [text, intent] (${(error as Error).message.slice(0, 200)}).`);
  }
  const parts =
    role === 'train'
      ? [data.train, data.oos_train]
      : data.test
        ? [data.test, data.oos_test]
        : [data.val, data.oos_val];
  const oosParts = role === 'train' ? [data.oos_train] : data.test ? [data.oos_test] : [data.oos_val];
  const texts: string[] = [];
  const labels: string[] = [];
  for (const part of parts) {
    for (const [text, intent] of part ?? []) {
      texts.push(text);
      labels.push(oosParts.includes(part) ? OOS_LABEL : intent);
    }
  }
  if (texts.length === 0) throw new Error(`${path} has no ${role === 'train' ? 'train' : 'test or val'} examples.`);
  return { texts, labels };
}

/** A stratified held-out split with a fixed seed, for data sets that come without a test file. */
export function splitLabelledSet(set: LabelledSet, testShare: number, seed: number): { train: LabelledSet; test: LabelledSet } {
  const ids = [...new Set(set.labels)].sort();
  const { train, heldOut } = stratifiedSplit(set.labels.map((l) => ids.indexOf(l)), testShare, seed);
  const pick = (indices: number[]): LabelledSet => ({ texts: indices.map((i) => set.texts[i]!), labels: indices.map((i) => set.labels[i]!) });
  return { train: pick(train), test: pick(heldOut) };
}
