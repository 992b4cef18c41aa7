// Copies the non-TypeScript files the main process reads at run time into the build output.
import { cpSync } from 'node:fs';

cpSync('main/engine/demo/data', 'dist/main/engine/demo/data', { recursive: true });
