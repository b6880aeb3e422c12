import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { testDatabaseEnv } from '@rehab/server-kit';
import { commonTypeDefs, defaultSubgraphUrl, subgraphSchemaText, SUBGRAPH_NAMES, SUPERGRAPH_FILE } from '@rehab/shared-schema';
import { InProcessSystem } from '@rehab/ops';

/** A supergraph in which the health subgraph's `clinics` root field has another name. */
function supergraphWithoutClinics(): string {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => {
      let sdl = subgraphSchemaText(name);
      if (name === 'health') sdl = sdl.replace('clinics(unitCode', 'clinicsBeforeReload(unitCode');
      return { name, url: defaultSubgraphUrl(name), typeDefs: parse(`${sdl}\n${commonTypeDefs()}`) };
    }),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the gateway serves a static supergraph file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rehab-supergraph-'));
  const path = join(dir, 'supergraph.graphql');
  let system: InProcessSystem;

  beforeAll(async () => {
    writeFileSync(path, supergraphWithoutClinics());
    system = await InProcessSystem.start({
      env: testDatabaseEnv(),
      persons: 20,
      dropOnStop: true,
      webDir: null,
      supergraphPath: path,
    });
  });

  afterAll(async () => {
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('and reloads it when the file changes, keeping the old one when the new one is broken', async () => {
    const token = await system.login('yte.hanoi');
    const clinics = async () => await system.graphql<{ clinics: { code: string }[] }>(token, '{ clinics { code } }');
    expect((await clinics()).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    copyFileSync(SUPERGRAPH_FILE, path);
    await eventually(async () => ((await clinics()).data?.clinics.length ?? 0) > 0);
    writeFileSync(path, 'this is not a supergraph');
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await clinics()).data?.clinics.length).toBeGreaterThan(0);
  });
});
