import { readFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from '@rehab/shared-schema';

describe('supergraph composition', () => {
  it('composes the four subgraphs without errors', () => {
    const result = composeSupergraph();
    if (!result.ok) throw new Error(`Composition failed:\n${result.errors.join('\n')}`);
    expect(result.supergraphSdl).toContain('join__graph');
  });

  it('matches the committed supergraph.graphql (run `npm run compose` after a schema change)', () => {
    const result = composeSupergraph();
    if (!result.ok) throw new Error(`Composition failed:\n${result.errors.join('\n')}`);
    const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
    if (committed !== result.supergraphSdl) {
      throw new Error('shared-schema/supergraph.graphql differs from a fresh composition: run `npm run compose` and commit it.');
    }
  });
});
