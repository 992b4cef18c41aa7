import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface ModelFiles {
  /** GGUF files (LLMs), relative to the models folder. */
  readonly gguf: string[];
  /** Folders holding a transformers.js ONNX model (config.json + onnx/*.onnx), relative to the models folder. */
  readonly onnx: string[];
}

/** Lists the model files a user has put in the models folder (three levels deep, no symlink loops). */
export function findModelFiles(root: string): ModelFiles {
  const found: ModelFiles = { gguf: [], onnx: [] };
  if (!existsSync(root)) return found;
  const walk = (dir: string, depth: number): void => {
    if (depth > 3) return;
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    if (entries.includes('config.json') && existsSync(join(dir, 'onnx'))) found.onnx.push(relative(root, dir));
    for (const name of entries) {
      const path = join(dir, name);
      let stat;
      try {
        stat = statSync(path);
      } catch {
        continue;
      }
      if (stat.isDirectory()) walk(path, depth + 1);
      else if (name.toLowerCase().endsWith('.gguf')) found.gguf.push(relative(root, path));
    }
  };
  walk(root, 0);
  return found;
}
