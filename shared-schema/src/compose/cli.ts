import { writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from './compose';

// npm run compose: regenerate the committed supergraph.graphql.
const result = composeSupergraph();
if (!result.ok) {
  console.error(`Composition failed:\n${result.errors.map((e) => `- ${e}`).join('\n')}`);
  process.exit(1);
}
writeFileSync(SUPERGRAPH_FILE, result.supergraphSdl);
console.log(`Wrote ${SUPERGRAPH_FILE}`);
