import type { ErrorCode } from '../../engine/errors.js';
import type { LoadedModelInfo } from './chatModel.js';

/**
 * The model manager's shapes, in a file without runtime imports: the engine's events and the UI read
 * them, and neither may pull llama.cpp or node:fs in through a type.
 */

/** What the model manager shows about a GGUF file before anything is loaded. */
export interface GgufModelFile {
  readonly path: string;
  readonly fileName: string;
  readonly name: string;
  readonly architecture: string;
  readonly sizeBytes: number;
  /** e.g. 'Q4_K_M', 'F16', or 'unknown' when the file does not say. */
  readonly quantization: string;
  readonly contextLength: number | null;
  readonly hasChatTemplate: boolean;
  /** Estimated bytes needed to run it: weights plus room for the context and scratch buffers. */
  readonly requiredBytes: number;
  readonly fitsInMemory: boolean;
}

/** One discovered file: described, or the reason it cannot be used (shown as is in Settings → Models). */
export type ModelListing =
  | { readonly path: string; readonly folder: string; readonly usable: true; readonly file: GgufModelFile }
  | { readonly path: string; readonly folder: string; readonly usable: false; readonly error: { readonly code: ErrorCode; readonly message: string } };

export type ModelStatus =
  | { readonly state: 'none'; readonly threads: number }
  | { readonly state: 'loading'; readonly threads: number; readonly path: string; readonly fraction: number }
  | { readonly state: 'loaded'; readonly threads: number; readonly model: LoadedModelInfo }
  | { readonly state: 'failed'; readonly threads: number; readonly path: string; readonly error: { readonly code: ErrorCode; readonly message: string } };
