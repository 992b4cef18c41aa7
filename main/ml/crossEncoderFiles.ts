import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findModelFiles } from './modelFiles.js';

/**
 * True when a transformers.js model folder holds a cross-encoder (a sequence classifier) rather than a
 * sentence embedder: config.json names a *ForSequenceClassification architecture, or declares
 * num_labels. (id2label alone is not enough: exporters write a default one into plain encoders too.)
 */
export function isCrossEncoderFolder(folder: string): boolean {
  let config: { architectures?: unknown; num_labels?: unknown };
  try {
    config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as typeof config;
  } catch {
    return false;
  }
  if (Array.isArray(config.architectures) && config.architectures.some((a) => typeof a === 'string' && a.endsWith('ForSequenceClassification'))) return true;
  return typeof config.num_labels === 'number' && config.num_labels >= 1;
}

/** The ONNX model folders under the models folder split into cross-encoders and the rest (embedders). */
export function findOnnxModels(root: string): { crossEncoders: string[]; embedders: string[] } {
  const crossEncoders: string[] = [];
  const embedders: string[] = [];
  for (const folder of findModelFiles(root).onnx) (isCrossEncoderFolder(join(root, folder)) ? crossEncoders : embedders).push(folder);
  return { crossEncoders: crossEncoders.sort(), embedders: embedders.sort() };
}
