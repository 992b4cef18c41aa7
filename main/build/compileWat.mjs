// Compiles a WebAssembly text module to the base64 TypeScript module next to it (name.wat →
// name.wasm.ts), so the engine ships the binary without a compiler. A unit test recompiles every
// .wat and fails when the committed binary differs.
//
// Run: node main/build/compileWat.mjs main/engine/knowledge/simd/vectorKernels.wat
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import wabtInit from 'wabt';

/** The binary of a .wat file (SIMD enabled, no names section: the output depends on the source alone). */
export async function compileWat(file) {
  const wabt = await wabtInit();
  const module = wabt.parseWat(basename(file), readFileSync(file, 'utf8'), { simd: true });
  try {
    module.validate();
    return Buffer.from(module.toBinary({ write_debug_names: false }).buffer);
  } finally {
    module.destroy();
  }
}

/** The TypeScript module that carries a .wat file's binary. */
export function wasmModuleSource(file, binary) {
  return [
    `// Generated from ${basename(file)} by main/build/compileWat.mjs; do not edit.`,
    `export const WASM_BASE64 = '${binary.toString('base64')}';`,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  for (const file of process.argv.slice(2)) {
    const binary = await compileWat(file);
    writeFileSync(file.replace(/\.wat$/, '.wasm.ts'), wasmModuleSource(file, binary));
    process.stdout.write(`${file}: ${binary.length} bytes\n`);
  }
}
