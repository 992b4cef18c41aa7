import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_DATA_DIR } from '../demo/demoAssets.js';
import { TandemError } from '../errors.js';
import { parseTranscript, type Transcript } from './transcript.js';

const DIR = join(DEMO_DATA_DIR, 'transcripts');

export interface TranscriptInfo {
  readonly id: string;
  readonly title: string;
  readonly messageCount: number;
}

/** The scripted conversations that ship with the demo workspace. */
export function listDemoTranscripts(): TranscriptInfo[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const id = file.slice(0, -'.json'.length);
      const transcript = loadDemoTranscript(id);
      return { id, title: transcript.title ?? id, messageCount: transcript.messages.length };
    });
}

export function loadDemoTranscript(id: string): Transcript {
  if (!/^[a-z0-9-]+$/.test(id)) throw new TandemError('E_NOT_FOUND', `No demo transcript “${id}”.`);
  let raw: string;
  try {
    raw = readFileSync(join(DIR, `${id}.json`), 'utf8');
  } catch {
    throw new TandemError('E_NOT_FOUND', `No demo transcript “${id}”.`);
  }
  return parseTranscript(JSON.parse(raw), id);
}
