import { ImportFolders } from '../../engine/knowledge/importFolders.js';
import type { knowledgeMethods } from '../methods/knowledge.js';
import type { HandlerContext, HandlerTable } from './context.js';

const workspaceOf = ({ engine }: HandlerContext): string => engine.workspace.id;

export const knowledgeHandlers: HandlerTable<keyof typeof knowledgeMethods> = {
  // By path only for the tandem command, or inside folders the machine's user allowed; the UI uploads files.
  'knowledge.import': ({ engine, caller }, input) => ({
    taskId: engine.knowledge.startImport(
      caller.kind === 'admin' ? input.paths : new ImportFolders(engine.workspace.id, engine.workspaces, engine.clock).check(input.paths),
      input.category ? { category: input.category } : {},
    ).taskId,
  }),
  'knowledge.importFiles': ({ engine }, input) => ({
    taskId: engine.knowledge.startUpload(
      input.files.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.contentBase64, 'base64')) })),
      input.category ? { category: input.category } : {},
    ).taskId,
  }),
  'knowledge.cancelImport': ({ engine }, input) => ({ cancelled: engine.knowledge.cancelImport(input.taskId) }),
  'knowledge.documents': (ctx) => ctx.engine.knowledge.documents(workspaceOf(ctx)),
  'knowledge.document': (ctx, input) => {
    const { document, body, chunks } = ctx.engine.knowledge.document(input.id, workspaceOf(ctx));
    return { document, body, chunks: chunks.map((c) => ({ id: c.id, chunkIndex: c.chunkIndex, headingPath: [...c.headingPath], offset: c.offset, text: c.text })) };
  },
  'knowledge.deleteDocument': (ctx, input) => {
    ctx.engine.knowledge.deleteDocument(input.id, workspaceOf(ctx));
    return { deleted: true } as const;
  },
  'knowledge.search': async ({ engine }, input) => {
    const result = await engine.knowledge.search(input.query, { intent: input.intent ?? null, limit: input.limit ?? 3 });
    return {
      ...result,
      categories: result.categories ? [...result.categories] : null,
      hits: result.hits.map((h) => ({ ...h, matchedTerms: [...h.matchedTerms] })),
    };
  },
  'knowledge.status': ({ engine }) => {
    const status = engine.knowledge.status();
    return { ...status, imports: status.imports.map((i) => ({ ...i, report: i.report ? { ...i.report, files: [...i.report.files] } : null })) };
  },
};
