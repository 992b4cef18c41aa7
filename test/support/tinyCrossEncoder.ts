import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesField, FLOAT, INT64, intField, message, node, seeded, SPECIAL, stringField, tensor, valueInfo, WORDS, wordPieceTokenizer } from './tinyOnnxModel.js';

/**
 * Writes a tiny BERT-shaped cross-encoder that transformers.js loads as BertForSequenceClassification:
 * the same embedding layer as the tiny sentence encoder (word + token-type embedding, masked by the
 * attention mask), summed over the sequence, then one linear layer to a single logit ("logits",
 * [batch, 1]). Summing rather than taking [CLS] keeps the score dependent on the pair's words, so a
 * test can compute it by hand from the weights returned here.
 */
export interface TinyCrossEncoder {
  readonly modelDir: string;
  readonly modelId: string;
  readonly dimension: number;
  readonly vocabulary: readonly string[];
  readonly wordWeights: Float32Array;
  readonly typeWeights: Float32Array;
  /** The classifier: dimension weights and one bias. */
  readonly classifierWeights: Float32Array;
  readonly classifierBias: number;
}

export function writeTinyCrossEncoder(root: string, options: { dimension?: number; seed?: number; modelId?: string } = {}): TinyCrossEncoder {
  const dimension = options.dimension ?? 8;
  const modelId = options.modelId ?? 'test/tiny-cross-encoder';
  const folder = join(root, modelId);
  mkdirSync(join(folder, 'onnx'), { recursive: true });
  const vocabulary = [...SPECIAL, ...WORDS];
  const random = seeded(options.seed ?? 11);

  writeFileSync(
    join(folder, 'config.json'),
    JSON.stringify({
      model_type: 'bert',
      architectures: ['BertForSequenceClassification'],
      num_labels: 1,
      id2label: { 0: 'LABEL_0' },
      label2id: { LABEL_0: 0 },
      hidden_size: dimension,
      vocab_size: vocabulary.length,
      max_position_embeddings: 512,
      type_vocab_size: 2,
    }),
  );
  writeFileSync(join(folder, 'tokenizer.json'), JSON.stringify(wordPieceTokenizer(vocabulary)));
  writeFileSync(
    join(folder, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 512, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' }),
  );
  const wordWeights = Float32Array.from({ length: vocabulary.length * dimension }, () => random() * 2 - 1);
  const typeWeights = Float32Array.from({ length: 2 * dimension }, () => (random() * 2 - 1) * 0.5);
  const classifierWeights = Float32Array.from({ length: dimension }, () => (random() * 2 - 1) * 0.3);
  const classifierBias = Math.fround(random() - 0.5);
  writeFileSync(join(folder, 'onnx', 'model_quantized.onnx'), encodeClassifier(vocabulary.length, dimension, wordWeights, typeWeights, classifierWeights, classifierBias));
  return { modelDir: root, modelId, dimension, vocabulary, wordWeights, typeWeights, classifierWeights, classifierBias };
}

const raw = (values: Float32Array): Buffer => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

function encodeClassifier(vocab: number, dimension: number, word: Float32Array, type: Float32Array, classifier: Float32Array, bias: number): Buffer {
  const maskAxes = Buffer.alloc(8);
  maskAxes.writeBigInt64LE(-1n);
  const sequenceAxis = Buffer.alloc(8);
  sequenceAxis.writeBigInt64LE(1n);
  const toFloat = message(stringField(1, 'to'), intField(3, FLOAT), intField(20, 2 /* INT */));
  const noKeepDims = message(stringField(1, 'keepdims'), intField(3, 0), intField(20, 2 /* INT */));
  const graph = message(
    bytesField(1, node('Gather', ['word_embeddings', 'input_ids'], ['words'])),
    bytesField(1, node('Gather', ['token_type_embeddings', 'token_type_ids'], ['types'])),
    bytesField(1, node('Add', ['words', 'types'], ['hidden'])),
    bytesField(1, node('Cast', ['attention_mask'], ['mask_float'], [toFloat])),
    bytesField(1, node('Unsqueeze', ['mask_float', 'mask_axes'], ['mask'])),
    bytesField(1, node('Mul', ['hidden', 'mask'], ['masked'])),
    bytesField(1, node('ReduceSum', ['masked', 'sequence_axis'], ['pooled'], [noKeepDims])),
    bytesField(1, node('MatMul', ['pooled', 'classifier_weight'], ['projected'])),
    bytesField(1, node('Add', ['projected', 'classifier_bias'], ['logits'])),
    stringField(2, 'tiny_cross_encoder'),
    bytesField(5, tensor('word_embeddings', [vocab, dimension], FLOAT, raw(word))),
    bytesField(5, tensor('token_type_embeddings', [2, dimension], FLOAT, raw(type))),
    bytesField(5, tensor('classifier_weight', [dimension, 1], FLOAT, raw(classifier))),
    bytesField(5, tensor('classifier_bias', [1], FLOAT, raw(Float32Array.of(bias)))),
    bytesField(5, tensor('mask_axes', [1], INT64, maskAxes)),
    bytesField(5, tensor('sequence_axis', [1], INT64, sequenceAxis)),
    bytesField(11, valueInfo('input_ids', INT64, ['batch_size', 'sequence_length'])),
    bytesField(11, valueInfo('attention_mask', INT64, ['batch_size', 'sequence_length'])),
    bytesField(11, valueInfo('token_type_ids', INT64, ['batch_size', 'sequence_length'])),
    bytesField(12, valueInfo('logits', FLOAT, ['batch_size', 1])),
  );
  return message(intField(1, 8), stringField(2, 'tandem-tests'), bytesField(7, graph), bytesField(8, message(stringField(1, ''), intField(2, 13))));
}
