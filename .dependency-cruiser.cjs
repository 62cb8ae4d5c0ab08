// `pnpm lint` fails on an import cycle or a wrong-way import between packages.
// Direction (DESIGN.md): schemas <- core <- issuer, verifier, wallet-sdk <- cli, examples.
const pkg = (name) => `^packages/${name}/src/`;
const forbidImport = (from, to, why) => ({
  name: `no-${from}-to-${to.replace(/[^a-z]+/g, '-')}`,
  severity: 'error',
  comment: why,
  from: { path: pkg(from) },
  to: { path: to },
});
const sibling = ['issuer', 'verifier', 'wallet-sdk'];

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    forbidImport('schemas', '^packages/(core|issuer|verifier|wallet-sdk|cli)/', 'schemas imports nothing of ours'),
    forbidImport('core', '^packages/(issuer|verifier|wallet-sdk|cli)/', 'core may import only schemas'),
    ...sibling.flatMap((from) =>
      sibling
        .filter((to) => to !== from)
        .map((to) => forbidImport(from, `^packages/(${to}|cli)/`, 'siblings talk over standard protocols, never imports')),
    ),
    {
      name: 'no-src-to-tests',
      severity: 'error',
      comment: 'production code never imports test fixtures',
      from: { path: '^packages/[^/]+/src/' },
      to: { path: '(^|/)test/' },
    },
    {
      name: 'no-examples-from-packages',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^examples/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@staff-passport/source', 'import', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
