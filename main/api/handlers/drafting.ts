import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Engine } from '../../engine/index.js';
import { TandemError } from '../../engine/errors.js';
import type { DraftingService } from '../../engine/drafting/draftingService.js';
import type { ModelHost } from '../../engine/drafting/modelHost.js';
import type { draftingMethods } from '../methods/drafting.js';
import type { HandlerTable } from './context.js';

const MODEL_FOLDER_SETTING = 'models.userFolder';

function drafting(engine: Engine): DraftingService {
  if (!engine.drafting) throw new TandemError('E_INTERNAL', 'Drafting needs the drafts table; this database was opened without it.');
  return engine.drafting;
}

function models(engine: Engine): ModelHost {
  if (!engine.models) throw new TandemError('E_MODEL_NOT_LOADED', 'This host runs without a model manager.');
  return engine.models;
}

async function listing(engine: Engine) {
  if (!engine.models) return { folders: [], models: [] };
  return { folders: engine.models.folders(), models: await engine.models.list() };
}

export const draftingHandlers: HandlerTable<keyof typeof draftingMethods> = {
  'draft.get': ({ engine }, { conversationId }) => drafting(engine).latest(conversationId),
  'draft.generate': ({ engine }, { conversationId }) => drafting(engine).generate(conversationId),
  'draft.regenerate': ({ engine }, { conversationId }) => drafting(engine).regenerate(conversationId),
  'draft.discard': ({ engine }, { draftId }) => drafting(engine).discard(draftId),
  'draft.abort': ({ engine }, { conversationId }) => {
    engine.conversations.get(conversationId);
    return drafting(engine).abort(conversationId);
  },
  'draft.check': ({ engine }, { draftId, text }) => drafting(engine).check(draftId, text),
  'draft.applyFix': ({ engine }, { draftId, text, findingIndex }) => drafting(engine).applyFix(draftId, text, findingIndex),
  'draft.send': ({ engine, actor }, { draftId, text, override }) => drafting(engine).send(draftId, { text, override: override === true, actor }),
  'draft.settings.get': ({ engine }) => ({ aiDisclosure: drafting(engine).aiDisclosure() }),
  'draft.settings.set': ({ engine }, { aiDisclosure }) => ({ aiDisclosure: drafting(engine).setAiDisclosure(aiDisclosure) }),
  'models.list': ({ engine }) => listing(engine),
  'models.load': ({ engine }, { path }) => models(engine).load(path),
  'models.unload': async ({ engine }) => {
    const host = models(engine);
    await host.unload();
    return host.status();
  },
  'models.status': ({ engine }) => engine.models?.status() ?? { state: 'none', threads: 0 },
  'models.setFolder': async ({ engine }, { folder }) => {
    const host = models(engine);
    let absolute: string | null = null;
    if (folder !== null) {
      absolute = resolve(folder.trim());
      let isFolder = false;
      try {
        isFolder = statSync(absolute).isDirectory();
      } catch {
        isFolder = false;
      }
      if (!isFolder) throw new TandemError('E_VALIDATION', `${absolute} is not a folder on this machine; pick an existing folder that holds .gguf files.`);
    }
    host.setUserFolder(absolute);
    engine.workspaces.setSetting(engine.workspace.id, MODEL_FOLDER_SETTING, absolute, engine.clock.now());
    return listing(engine);
  },
};
