/** The binary of a .wat file (SIMD enabled, no names section). */
export function compileWat(file: string): Promise<Buffer>;
/** The TypeScript module that carries a .wat file's binary. */
export function wasmModuleSource(file: string, binary: Buffer): string;
