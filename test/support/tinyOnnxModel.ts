import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a tiny BERT-shaped sentence encoder that transformers.js loads like a real model folder:
 * config.json, tokenizer.json (WordPiece, lower-casing), tokenizer_config.json and
 * onnx/model_quantized.onnx. The graph is word embedding + token-type embedding, masked by the
 * attention mask, output as last_hidden_state; weights are seeded random, so the test exercises the
 * real loading, tokenizing, ONNX Runtime and pooling code without any download.
 *
 * The ONNX protobuf is encoded by hand (a dozen message fields) to avoid a dependency for tests.
 */
export interface TinyModel {
  readonly modelDir: string;
  readonly modelId: string;
  readonly dimension: number;
  readonly vocabulary: readonly string[];
  /** The random weights, so a test can compute the expected pooled vector by hand. */
  readonly wordWeights: Float32Array;
  readonly typeWeights: Float32Array;
}

export const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
export const WORDS = [
  'refund', 'return', 'order', 'shipping', 'package', 'delivered', 'late', 'password', 'reset', 'account',
  'card', 'charge', 'billing', 'product', 'size', 'color', 'the', 'my', 'is', 'where', 'how', 'do', 'i', 'a',
  'to', 'of', 'and', 'policy', 'days', 'within', '##s', '##ed', '##ing', '.', ',', '?', '!',
];

export function writeTinyOnnxModel(root: string, options: { dimension?: number; seed?: number } = {}): TinyModel {
  const dimension = options.dimension ?? 16;
  const modelId = 'test/tiny-bert';
  const folder = join(root, modelId);
  mkdirSync(join(folder, 'onnx'), { recursive: true });
  const vocabulary = [...SPECIAL, ...WORDS];
  const random = seeded(options.seed ?? 7);

  writeFileSync(
    join(folder, 'config.json'),
    JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: dimension, vocab_size: vocabulary.length, max_position_embeddings: 512, type_vocab_size: 2 }),
  );
  writeFileSync(join(folder, 'tokenizer.json'), JSON.stringify(wordPieceTokenizer(vocabulary)));
  writeFileSync(
    join(folder, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 512, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' }),
  );
  const wordWeights = Float32Array.from({ length: vocabulary.length * dimension }, () => random() * 2 - 1);
  const typeWeights = Float32Array.from({ length: 2 * dimension }, () => (random() * 2 - 1) * 0.1);
  writeFileSync(join(folder, 'onnx', 'model_quantized.onnx'), encodeModel(vocabulary.length, dimension, wordWeights, typeWeights));
  return { modelDir: root, modelId, dimension, vocabulary, wordWeights, typeWeights };
}

export function wordPieceTokenizer(vocabulary: readonly string[]): object {
  const special = (id: number): object => ({ id, content: vocabulary[id], single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const token = (name: string): object => ({ SpecialToken: { id: name, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((_, id) => special(id)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [token('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, token('[SEP]')],
      pair: [token('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, token('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocabulary.map((word, id) => [word, id])),
    },
  };
}

// ---- minimal protobuf writer ------------------------------------------------------------------

type Field = Buffer;

function varint(value: bigint | number): Buffer {
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v !== 0n);
  return Buffer.from(bytes);
}
export const intField = (field: number, value: number | bigint): Field => Buffer.concat([varint((field << 3) | 0), varint(value)]);
export const bytesField = (field: number, value: Buffer): Field => Buffer.concat([varint((field << 3) | 2), varint(value.length), value]);
export const stringField = (field: number, value: string): Field => bytesField(field, Buffer.from(value, 'utf8'));
export const message = (...fields: Field[]): Buffer => Buffer.concat(fields);

export const FLOAT = 1;
export const INT64 = 7;

export function tensor(name: string, dims: number[], dataType: number, raw: Buffer): Buffer {
  return message(...dims.map((d) => intField(1, d)), intField(2, dataType), stringField(8, name), bytesField(9, raw));
}

export function valueInfo(name: string, elemType: number, dims: (number | string)[]): Buffer {
  const shape = message(...dims.map((d) => bytesField(1, typeof d === 'number' ? intField(1, d) : stringField(2, d))));
  const tensorType = message(intField(1, elemType), bytesField(2, shape));
  return message(stringField(1, name), bytesField(2, message(bytesField(1, tensorType))));
}

export function node(opType: string, inputs: string[], outputs: string[], attributes: Buffer[] = []): Buffer {
  return message(
    ...inputs.map((i) => stringField(1, i)),
    ...outputs.map((o) => stringField(2, o)),
    stringField(3, `${opType}_${outputs[0]}`),
    stringField(4, opType),
    ...attributes.map((a) => bytesField(5, a)),
  );
}

function encodeModel(vocab: number, dimension: number, word: Float32Array, type: Float32Array): Buffer {
  const axes = Buffer.alloc(8);
  axes.writeBigInt64LE(-1n);
  const toFloat = message(stringField(1, 'to'), intField(3, FLOAT), intField(20, 2 /* INT */));
  const graph = message(
    bytesField(1, node('Gather', ['word_embeddings', 'input_ids'], ['words'])),
    bytesField(1, node('Gather', ['token_type_embeddings', 'token_type_ids'], ['types'])),
    bytesField(1, node('Add', ['words', 'types'], ['hidden'])),
    bytesField(1, node('Cast', ['attention_mask'], ['mask_float'], [toFloat])),
    bytesField(1, node('Unsqueeze', ['mask_float', 'mask_axes'], ['mask'])),
    bytesField(1, node('Mul', ['hidden', 'mask'], ['last_hidden_state'])),
    stringField(2, 'tiny_bert'),
    bytesField(5, tensor('word_embeddings', [vocab, dimension], FLOAT, Buffer.from(word.buffer, word.byteOffset, word.byteLength))),
    bytesField(5, tensor('token_type_embeddings', [2, dimension], FLOAT, Buffer.from(type.buffer, type.byteOffset, type.byteLength))),
    bytesField(5, tensor('mask_axes', [1], INT64, axes)),
    bytesField(11, valueInfo('input_ids', INT64, ['batch_size', 'sequence_length'])),
    bytesField(11, valueInfo('attention_mask', INT64, ['batch_size', 'sequence_length'])),
    bytesField(11, valueInfo('token_type_ids', INT64, ['batch_size', 'sequence_length'])),
    bytesField(12, valueInfo('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', dimension])),
  );
  return message(
    intField(1, 8), // ir_version
    stringField(2, 'tandem-tests'),
    bytesField(7, graph),
    bytesField(8, message(stringField(1, ''), intField(2, 13))), // opset 13
  );
}

export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
