// npm run build:ts: `tsc -b` over every workspace, the registered subgraphs included
// (their list comes from subgraphs/registry.json, so a new subgraph needs no edit here).
// Extra arguments go to tsc (e.g. --verbose, --clean).
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { registeredSubgraphs } = require('./registry');

const root = join(__dirname, '..');
const projects = [
  'shared-schema',
  'server-kit',
  ...registeredSubgraphs().map((name) => `subgraphs/${name}`),
  'gateway',
  'hive-gateway',
  'ops',
  'test',
];
const tsc = require.resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-b', ...projects, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
