import { createBuiltinEmbedder } from '../ml/builtinEmbedder.js';
import type { Embedder } from '../ml/embedder.js';
import { createTransformersEmbedder } from '../ml/transformersEmbedder.js';
import { MODELS_DIR } from './paths.js';

/**
 * The host's embedder choice: 'builtin' (USE lite from npm, always present) or the id of a
 * transformers.js model folder under models/ (e.g. Xenova/all-MiniLM-L6-v2).
 */
export function chooseEmbedder(choice: string | undefined, modelsDir = MODELS_DIR): Promise<Embedder> {
  if (!choice || choice === 'builtin') return createBuiltinEmbedder();
  return createTransformersEmbedder({ modelDir: modelsDir, modelId: choice });
}
