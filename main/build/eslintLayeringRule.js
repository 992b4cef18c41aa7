// The dependency direction of DESIGN.md as a lint rule: renderer → api types; hosts → api → engine.
// Import specifiers are resolved against the importing file, so a relative path into a forbidden folder
// is caught however many "../" it takes, and a same-named folder elsewhere is not confused with it.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** @param {string} specifier */
function isNodeBuiltin(specifier) {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? '');
}

/** Repo-relative POSIX path of what a relative specifier points at, with the extension dropped. */
function resolveTarget(filename, specifier, root) {
  if (!specifier.startsWith('.')) return null;
  const absolute = path.resolve(path.dirname(filename), specifier);
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  return relative.replace(/\.(c|m)?(j|t)sx?$/, '');
}

function isInside(target, folder) {
  return target === folder || target.startsWith(`${folder}/`);
}

/** An import that disappears at compile time: `import type`, or every named specifier marked `type`. */
function isTypeOnly(node) {
  if (node.type === 'ImportDeclaration') {
    if (node.importKind === 'type') return true;
    return node.specifiers.length > 0 && node.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type');
  }
  if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') return node.exportKind === 'type';
  return false;
}

export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep the layers of DESIGN.md: what each folder may import.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          forbiddenPackages: { type: 'array', items: { type: 'string' } },
          forbiddenFolders: { type: 'array', items: { type: 'string' } },
          forbidNodeBuiltins: { type: 'boolean' },
          typeOnlyFolder: { type: 'string' },
          typeOnlyAllowed: { type: 'array', items: { type: 'string' } },
          layer: { type: 'string' },
        },
        required: ['root', 'layer'],
        additionalProperties: false,
      },
    ],
    messages: {
      package: '{{layer}} must not import "{{specifier}}" (see DESIGN.md, Architecture).',
      folder: '{{layer}} must not import from {{folder}}/ (see DESIGN.md, Architecture).',
      builtin: '{{layer}} must not import the Node module "{{specifier}}"; it runs in the browser.',
      typeOnly:
        '{{layer}} may import only types from {{allowed}}; use `import type` (no runtime code from {{folder}}/).',
    },
  },
  create(context) {
    const options = context.options[0];
    const root = options.root;
    const forbiddenPackages = new Set(options.forbiddenPackages ?? []);
    const forbiddenFolders = options.forbiddenFolders ?? [];
    const filename = context.filename;

    function check(node, sourceNode) {
      if (!sourceNode || sourceNode.type !== 'Literal' || typeof sourceNode.value !== 'string') return;
      const specifier = sourceNode.value;
      const data = { layer: options.layer, specifier };
      const bare = specifier.startsWith('node:') ? specifier : specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
      if (forbiddenPackages.has(specifier) || forbiddenPackages.has(bare)) {
        context.report({ node: sourceNode, messageId: 'package', data });
        return;
      }
      if (options.forbidNodeBuiltins && isNodeBuiltin(specifier)) {
        context.report({ node: sourceNode, messageId: 'builtin', data });
        return;
      }
      const target = resolveTarget(filename, specifier, root);
      if (target === null) return;
      const folder = forbiddenFolders.find((f) => isInside(target, f));
      if (folder) {
        context.report({ node: sourceNode, messageId: 'folder', data: { ...data, folder } });
        return;
      }
      const typeOnlyFolder = options.typeOnlyFolder;
      if (typeOnlyFolder && isInside(target, typeOnlyFolder)) {
        const allowed = options.typeOnlyAllowed ?? [];
        if (!allowed.includes(target) || !isTypeOnly(node)) {
          context.report({
            node: sourceNode,
            messageId: 'typeOnly',
            data: { ...data, folder: typeOnlyFolder, allowed: allowed.join(', ') },
          });
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' && check(node, node.moduleReference.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

export const layeringPlugin = { meta: { name: 'tandem-layering' }, rules: { layering: layeringRule } };
