import { writeFileSync } from 'node:fs';
import { API_SCHEMA_FILE, composeSupergraph, SUPERGRAPH_FILE } from './compose';

// npm run compose: regenerate the committed supergraph.graphql and the clients' api-schema.graphql.
const result = composeSupergraph();
if (!result.ok) {
  console.error(`Composition failed:\n${result.errors.map((e) => `- ${e}`).join('\n')}`);
  process.exit(1);
}
writeFileSync(SUPERGRAPH_FILE, result.supergraphSdl);
writeFileSync(API_SCHEMA_FILE, result.apiSchemaSdl);
console.log(`Wrote ${SUPERGRAPH_FILE} and ${API_SCHEMA_FILE}`);
