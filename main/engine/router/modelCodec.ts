import type { IntentModel } from './intentModel.js';

/**
 * Stores a trained model as one blob: a JSON header followed by the raw Float32/Int32 arrays.
 * JSON numbers would triple the size of the 32k-wide lexical weights and lose float32 exactness.
 */
const MAGIC = 'TIM1';

interface Header {
  readonly meta: Omit<IntentModel, 'linear' | 'idf' | 'exampleVectors' | 'exampleLabels'> & { classes: number; denseDimension: number };
  readonly arrays: { name: string; kind: 'f32' | 'i32'; length: number }[];
}

export function encodeIntentModel(model: IntentModel): Buffer {
  const { linear, idf, exampleVectors, exampleLabels, ...rest } = model;
  const arrays: [string, Float32Array | Int32Array][] = [
    ['dense', linear.dense],
    ['sparse', linear.sparse],
    ['bias', linear.bias],
    ['idf', idf ?? new Float32Array(0)],
    ['exampleVectors', exampleVectors],
    ['exampleLabels', exampleLabels],
  ];
  const header: Header = {
    meta: { ...rest, classes: linear.classes, denseDimension: linear.denseDimension },
    arrays: arrays.map(([name, a]) => ({ name, kind: a instanceof Int32Array ? 'i32' : 'f32', length: a.length })),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'ascii');
  prefix.writeUInt32LE(headerBytes.length, 4);
  // Pad the header so the arrays start 4-byte aligned.
  const pad = Buffer.alloc((4 - ((8 + headerBytes.length) % 4)) % 4, 0x20);
  return Buffer.concat([prefix, headerBytes, pad, ...arrays.map(([, a]) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]);
}

export function decodeIntentModel(blob: Uint8Array): IntentModel {
  const buffer = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buffer.length < 8 || buffer.toString('ascii', 0, 4) !== MAGIC) throw new Error('Not an intent model blob.');
  const headerLength = buffer.readUInt32LE(4);
  const header = JSON.parse(buffer.toString('utf8', 8, 8 + headerLength)) as Header;
  let offset = 8 + headerLength;
  offset += (4 - (offset % 4)) % 4;
  const arrays = new Map<string, Float32Array | Int32Array>();
  for (const spec of header.arrays) {
    const bytes = buffer.subarray(offset, offset + spec.length * 4);
    if (bytes.length !== spec.length * 4) throw new Error('Intent model blob is truncated.');
    // Copy into a fresh aligned buffer: SQLite blobs are not guaranteed to be 4-byte aligned.
    const copy = new ArrayBuffer(spec.length * 4);
    new Uint8Array(copy).set(bytes);
    arrays.set(spec.name, spec.kind === 'i32' ? new Int32Array(copy) : new Float32Array(copy));
    offset += spec.length * 4;
  }
  const { classes, denseDimension, ...meta } = header.meta;
  const idf = arrays.get('idf') as Float32Array;
  return {
    ...meta,
    linear: {
      classes,
      denseDimension,
      dense: arrays.get('dense') as Float32Array,
      sparse: arrays.get('sparse') as Float32Array,
      bias: arrays.get('bias') as Float32Array,
    },
    idf: idf.length > 0 ? idf : null,
    exampleVectors: arrays.get('exampleVectors') as Float32Array,
    exampleLabels: arrays.get('exampleLabels') as Int32Array,
  };
}
