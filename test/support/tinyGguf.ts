import { writeFileSync } from 'node:fs';

/**
 * Writes a tiny llama-architecture chat model in GGUF v3 that llama.cpp (through node-llama-cpp)
 * loads like a real one: 1–2 transformer blocks, a hidden size of 32, F32 random weights, a
 * SentencePiece ("llama") vocabulary of control tokens, the 256 byte-fallback tokens (so any input
 * text tokenizes) and a few hundred word pieces, and a ChatML template in tokenizer.chat_template.
 * With random weights the text it writes is noise; tests use it for the real load / stream / abort /
 * grammar / unload path, never for content. A few hundred kilobytes, written at test time.
 *
 * Layout follows ggml's gguf.h: header, key/values, tensor infos, padding to general.alignment,
 * tensor data (each tensor aligned). A tensor's dimensions are listed innermost first, so the
 * token embedding of a [n_vocab × n_embd] matrix is ne = [n_embd, n_vocab].
 */
export interface TinyGgufOptions {
  readonly layers?: number;
  readonly seed?: number;
  readonly contextLength?: number;
  /** Override or drop metadata (value undefined drops the key) to build broken models in tests. */
  readonly metadataOverrides?: Record<string, GgufValue | undefined>;
}

export interface TinyGgufModel {
  readonly path: string;
  readonly bytes: number;
  readonly vocabularySize: number;
  readonly layers: number;
}

type GgufValue =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'string[]'; value: readonly string[] }
  | { type: 'f32[]'; value: readonly number[] }
  | { type: 'i32[]'; value: readonly number[] };

const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const WORD_PIECES = [
  'the', 'your', 'order', 'refund', 'has', 'been', 'shipped', 'delivered', 'processed', 'we', 'you', 'it',
  'is', 'a', 'to', 'of', 'and', 'for', 'in', 'on', 'thanks', 'sorry', 'help', 'policy', 'return', 'days',
  'within', 'tracking', 'number', 'please', 'can', 'will', 'be', 'yes', 'no', 'true', 'false', 'intent',
];

const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

function vocabulary(): { tokens: string[]; scores: number[]; types: number[] } {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const add = (token: string, score: number, type: number): void => {
    tokens.push(token);
    scores.push(score);
    types.push(type);
  };
  add('<unk>', 0, TOKEN_TYPE.unknown);
  add('<s>', 0, TOKEN_TYPE.control);
  add('</s>', 0, TOKEN_TYPE.control);
  add('<|im_start|>', 0, TOKEN_TYPE.control);
  add('<|im_end|>', 0, TOKEN_TYPE.control);
  for (let byte = 0; byte < 256; byte++) add(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, 0, TOKEN_TYPE.byte);
  // Single characters first (so the SPM merge always has a path), then whole words with higher scores.
  const characters = '▁abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?:;\'"-$#[]{}()/';
  for (const ch of characters) add(ch, -10, TOKEN_TYPE.normal);
  WORD_PIECES.forEach((word, i) => {
    add(`▁${word}`, -1 - i * 0.01, TOKEN_TYPE.normal);
  });
  return { tokens, scores, types };
}

/** A deterministic generator (mulberry32) so a seed gives the same model on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Writer {
  private chunks: Buffer[] = [];
  length = 0;
  push(buffer: Buffer): void {
    this.chunks.push(buffer);
    this.length += buffer.length;
  }
  u32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value);
    this.push(b);
  }
  i32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(value);
    this.push(b);
  }
  u64(value: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(value));
    this.push(b);
  }
  f32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(value);
    this.push(b);
  }
  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }
  padTo(alignment: number): void {
    const rest = this.length % alignment;
    if (rest !== 0) this.push(Buffer.alloc(alignment - rest));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

const GGUF_TYPE = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 } as const;

function writeValue(w: Writer, value: GgufValue): void {
  switch (value.type) {
    case 'u32':
      w.u32(GGUF_TYPE.u32);
      w.u32(value.value);
      return;
    case 'i32':
      w.u32(GGUF_TYPE.i32);
      w.i32(value.value);
      return;
    case 'f32':
      w.u32(GGUF_TYPE.f32);
      w.f32(value.value);
      return;
    case 'bool':
      w.u32(GGUF_TYPE.bool);
      w.push(Buffer.from([value.value ? 1 : 0]));
      return;
    case 'string':
      w.u32(GGUF_TYPE.string);
      w.string(value.value);
      return;
    case 'string[]':
      w.u32(GGUF_TYPE.array);
      w.u32(GGUF_TYPE.string);
      w.u64(value.value.length);
      for (const s of value.value) w.string(s);
      return;
    case 'f32[]':
      w.u32(GGUF_TYPE.array);
      w.u32(GGUF_TYPE.f32);
      w.u64(value.value.length);
      for (const x of value.value) w.f32(x);
      return;
    case 'i32[]':
      w.u32(GGUF_TYPE.array);
      w.u32(GGUF_TYPE.i32);
      w.u64(value.value.length);
      for (const x of value.value) w.i32(x);
      return;
  }
}

interface Tensor {
  readonly name: string;
  /** Innermost dimension first, as GGUF stores it. */
  readonly shape: readonly number[];
  readonly fill: 'random' | 'ones';
}

const ALIGNMENT = 32;

export function writeTinyGguf(path: string, options: TinyGgufOptions = {}): TinyGgufModel {
  const layers = options.layers ?? 1;
  const embd = 32;
  const heads = 2;
  const headsKv = 2;
  const headDim = embd / heads;
  const ff = 64;
  const vocab = vocabulary();
  const nVocab = vocab.tokens.length;
  const random = seeded(options.seed ?? 42);

  const metadata = new Map<string, GgufValue>([
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: 'Tandem Tiny Test Chat' }],
    ['general.file_type', { type: 'u32', value: 0 }],
    ['general.alignment', { type: 'u32', value: ALIGNMENT }],
    ['llama.context_length', { type: 'u32', value: options.contextLength ?? 1024 }],
    ['llama.embedding_length', { type: 'u32', value: embd }],
    ['llama.block_count', { type: 'u32', value: layers }],
    ['llama.feed_forward_length', { type: 'u32', value: ff }],
    ['llama.attention.head_count', { type: 'u32', value: heads }],
    ['llama.attention.head_count_kv', { type: 'u32', value: headsKv }],
    ['llama.rope.dimension_count', { type: 'u32', value: headDim }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.vocab_size', { type: 'u32', value: nVocab }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'string[]', value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: 'f32[]', value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: 'i32[]', value: vocab.types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', value: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: 4 }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'string', value: CHATML_TEMPLATE }],
  ]);
  for (const [key, value] of Object.entries(options.metadataOverrides ?? {})) {
    if (value === undefined) metadata.delete(key);
    else metadata.set(key, value);
  }

  const tensors: Tensor[] = [
    { name: 'token_embd.weight', shape: [embd, nVocab], fill: 'random' },
    { name: 'output_norm.weight', shape: [embd], fill: 'ones' },
    { name: 'output.weight', shape: [embd, nVocab], fill: 'random' },
  ];
  for (let layer = 0; layer < layers; layer++) {
    const blk = `blk.${layer}`;
    tensors.push(
      { name: `${blk}.attn_norm.weight`, shape: [embd], fill: 'ones' },
      { name: `${blk}.attn_q.weight`, shape: [embd, heads * headDim], fill: 'random' },
      { name: `${blk}.attn_k.weight`, shape: [embd, headsKv * headDim], fill: 'random' },
      { name: `${blk}.attn_v.weight`, shape: [embd, headsKv * headDim], fill: 'random' },
      { name: `${blk}.attn_output.weight`, shape: [heads * headDim, embd], fill: 'random' },
      { name: `${blk}.ffn_norm.weight`, shape: [embd], fill: 'ones' },
      { name: `${blk}.ffn_gate.weight`, shape: [embd, ff], fill: 'random' },
      { name: `${blk}.ffn_up.weight`, shape: [embd, ff], fill: 'random' },
      { name: `${blk}.ffn_down.weight`, shape: [ff, embd], fill: 'random' },
    );
  }

  const w = new Writer();
  w.push(Buffer.from('GGUF', 'ascii'));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(metadata.size);
  for (const [key, value] of metadata) {
    w.string(key);
    writeValue(w, value);
  }
  let offset = 0;
  const data: Buffer[] = [];
  for (const tensor of tensors) {
    w.string(tensor.name);
    w.u32(tensor.shape.length);
    for (const dim of tensor.shape) w.u64(dim);
    w.u32(0); // GGML_TYPE_F32
    w.u64(offset);
    const count = tensor.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = tensor.fill === 'ones' ? 1 : (random() * 2 - 1) * 0.5;
    const bytes = Buffer.from(values.buffer);
    const padded = Math.ceil(bytes.length / ALIGNMENT) * ALIGNMENT;
    data.push(bytes, Buffer.alloc(padded - bytes.length));
    offset += padded;
  }
  w.padTo(ALIGNMENT);
  for (const chunk of data) w.push(chunk);
  const buffer = w.toBuffer();
  writeFileSync(path, buffer);
  return { path, bytes: buffer.length, vocabularySize: nVocab, layers };
}
