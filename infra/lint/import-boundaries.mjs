import path from 'node:path';

/**
 * The dependency rules of the monorepo, checked on every import, export-from, dynamic
 * import and require with a literal path:
 * - a service (apps/<name>) never imports another service: they talk through Kafka events
 *   and HTTP, and what they share belongs in libs/;
 * - a library never imports a service;
 * - libs/contracts is a leaf: the public event contract depends on no other library, so
 *   that it can be published and read on its own.
 * test/ and bench/ drive the services from outside and may import anything.
 *
 * Relative paths are resolved against the importing file and `@sas/<lib>` names against
 * libs/<lib> (tsconfig's paths), so the rule sees where an import lands, not how it is spelt.
 */
export function importBoundaries(root) {
  const unitOf = (file) => {
    const [top, name] = path.relative(root, file).split(path.sep);
    return top === 'apps' || top === 'libs' ? { top, name } : { top };
  };
  const targetOf = (file, source) => {
    const alias = /^@sas\/([^/]+)/.exec(source);
    if (alias) return { top: 'libs', name: alias[1] };
    if (source.startsWith('.')) return unitOf(path.resolve(path.dirname(file), source));
    return undefined;
  };
  const refusal = (from, to) => {
    if (from.top === 'apps' && to.top === 'apps' && to.name !== from.name)
      return `apps/${from.name} must not import apps/${to.name}: services talk through events and HTTP; shared code belongs in libs/`;
    if (from.top === 'libs' && to.top === 'apps')
      return `libs/${from.name} must not import apps/${to.name}: libraries serve the services, never the reverse`;
    if (from.top === 'libs' && from.name === 'contracts' && to.name !== 'contracts')
      return `libs/contracts is a leaf and must not import ${to.top}${to.name ? `/${to.name}` : ''}: the event contract depends on nothing of ours`;
    return undefined;
  };
  const rule = {
    meta: {
      type: 'problem',
      docs: { description: 'apps never import other apps, libs never import apps, libs/contracts imports no other lib' },
      schema: [],
    },
    create(context) {
      const file = context.filename;
      const from = unitOf(file);
      if (from.top !== 'apps' && from.top !== 'libs') return {};
      const check = (node) => {
        if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
        const to = targetOf(file, node.value);
        const message = to && refusal(from, to);
        if (message) context.report({ node, message });
      };
      return {
        ImportDeclaration: (node) => check(node.source),
        ExportNamedDeclaration: (node) => check(node.source),
        ExportAllDeclaration: (node) => check(node.source),
        ImportExpression: (node) => check(node.source),
        TSExternalModuleReference: (node) => check(node.expression),
        CallExpression: (node) => {
          if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
        },
      };
    },
  };
  return { rules: { 'import-boundaries': rule } };
}
