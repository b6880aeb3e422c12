import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  composeSupergraph,
  formatRegistry,
  parseRegistry,
  registryProblems,
  subgraphFolders,
  SUBGRAPH_REGISTRY,
  SUPERGRAPH_FILE,
  API_SCHEMA_FILE,
  SUBGRAPHS_DIR,
} from '@rehab/shared-schema';

describe('supergraph composition', () => {
  it('composes the registered subgraphs without errors', () => {
    const result = composeSupergraph();
    if (!result.ok) throw new Error(`Composition failed:\n${result.errors.join('\n')}`);
    expect(result.supergraphSdl).toContain('join__graph');
    for (const { name } of SUBGRAPH_REGISTRY) expect(result.supergraphSdl).toContain(`name: "${name}"`);
  });

  it('matches the committed supergraph.graphql (run `npm run compose` after a schema change)', () => {
    const result = composeSupergraph();
    if (!result.ok) throw new Error(`Composition failed:\n${result.errors.join('\n')}`);
    const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
    if (committed !== result.supergraphSdl) {
      throw new Error('shared-schema/supergraph.graphql differs from a fresh composition: run `npm run compose` and commit it.');
    }
  });

  it('matches the committed api-schema.graphql, the schema the portal is typed from', () => {
    const result = composeSupergraph();
    if (!result.ok) throw new Error(`Composition failed:\n${result.errors.join('\n')}`);
    expect(result.apiSchemaSdl).not.toContain('join__');
    expect(result.apiSchemaSdl).toContain('type Person {');
    if (readFileSync(API_SCHEMA_FILE, 'utf8') !== result.apiSchemaSdl) {
      throw new Error('shared-schema/api-schema.graphql differs from a fresh composition: run `npm run compose` and commit it.');
    }
  });
});

describe('the registry of subgraphs (subgraphs/registry.json)', () => {
  it('registers every folder under subgraphs/ and every registered subgraph has its folder', () => {
    // Folders starting with a dot are scratch space (e.g. a test's throwaway subgraph), not subgraphs.
    expect(registryProblems()).toEqual([]);
    expect(subgraphFolders(SUBGRAPHS_DIR)).toEqual(SUBGRAPH_REGISTRY.map((e) => e.name).sort());
  });

  it('names an unregistered folder and a registered one that is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-'));
    try {
      for (const name of ['police', 'stray']) {
        mkdirSync(join(dir, name));
        writeFileSync(join(dir, name, 'schema.graphql'), 'type Query { x: Int }\n');
      }
      mkdirSync(join(dir, '.scratch'));
      const entries = parseRegistry(
        formatRegistry([
          { name: 'police', port: 4001, agency: { vi: 'Công an', en: 'Police' } },
          { name: 'justice', port: 4005, agency: { vi: 'Tư pháp', en: 'Justice' } },
        ]),
      );
      expect(registryProblems(entries, dir)).toEqual([
        'subgraphs/stray/ is not registered: add its line to subgraphs/registry.json (or remove the folder)',
        'justice is registered in subgraphs/registry.json but subgraphs/justice/ is missing',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is one line per subgraph, as new:subgraph writes it', () => {
    const text = readFileSync(join(SUBGRAPHS_DIR, 'registry.json'), 'utf8');
    expect(text).toBe(formatRegistry(SUBGRAPH_REGISTRY));
    expect(text.trim().split('\n')).toHaveLength(SUBGRAPH_REGISTRY.length + 2);
  });

  it('refuses a malformed name, a name or port registered twice, and a missing agency label', () => {
    const line = (name: string, port: number) => ({ name, port, agency: { vi: 'Tư pháp', en: 'Justice' } });
    expect(() => parseRegistry(JSON.stringify([line('Justice', 4005)]))).toThrow(/"name" must match/);
    expect(() => parseRegistry(JSON.stringify([line('legal-2aid', 4005)]))).toThrow(/"name" must match/);
    expect(() => parseRegistry(JSON.stringify([line('justice', 4005), line('justice', 4006)]))).toThrow(/registered twice/);
    expect(() => parseRegistry(JSON.stringify([line('justice', 4005), line('legal-aid', 4005)]))).toThrow(/port 4005 is taken/);
    expect(() => parseRegistry(JSON.stringify([{ name: 'justice', port: 4005, agency: { vi: 'Tư pháp' } }]))).toThrow(
      /"agency" needs/,
    );
  });
});
