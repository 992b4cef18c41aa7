import { listDemoTranscripts, loadDemoTranscript } from '../../engine/replay/demoTranscripts.js';
import { replayTranscript } from '../../engine/replay/replayTranscript.js';
import { parseTranscript } from '../../engine/replay/transcript.js';
import type { replayMethods } from '../methods/replay.js';
import type { HandlerTable } from './context.js';

export const replayHandlers: HandlerTable<keyof typeof replayMethods> = {
  'replay.list': () => listDemoTranscripts(),
  'replay.start': ({ engine }, input) => {
    const transcript = input.transcriptId ? loadDemoTranscript(input.transcriptId) : parseTranscript(input.transcript);
    return new Promise((resolve, reject) => {
      replayTranscript(engine, transcript, {
        delayMs: input.delayMs ?? 1200,
        onCreated: (conversationId) => resolve({ conversationId }),
      }).catch((error: unknown) => {
        reject(error instanceof Error ? error : new Error(String(error)));
        engine.log.error('replay failed', { error: String(error) });
      });
    });
  },
};
