// The registered subgraphs' names, for the config files that cannot import TypeScript
// (jest.config.js, codegen.ts before a build, the build script): subgraphs/registry.json.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

function registeredSubgraphs() {
  const entries = JSON.parse(readFileSync(join(__dirname, '..', 'subgraphs', 'registry.json'), 'utf8'));
  return entries.map((entry) => entry.name);
}

module.exports = { registeredSubgraphs };
