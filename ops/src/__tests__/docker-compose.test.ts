import { SUBGRAPH_REGISTRY, subgraphEnvPrefix } from '@rehab/shared-schema';
import { dockerCompose } from '../docker-compose';

describe('docker-compose.yml generated from the registry', () => {
  it('runs every registered subgraph on its port and points the gateway at it', () => {
    const text = dockerCompose();
    for (const { name, port } of SUBGRAPH_REGISTRY) {
      const prefix = subgraphEnvPrefix(name);
      expect(text).toContain(`\n  ${name}:\n    <<: *node\n    command: node subgraphs/${name}/dist/index.js\n`);
      expect(text).toContain(`${prefix}_PORT: "${port}"`);
      expect(text).toContain(`./keys/${name}:/keys/own:ro`);
      expect(text).toContain(`${prefix}_NOTICE_PUBLIC_KEY_FILE: /keys/public/${name}.pem`);
      expect(text).toContain(`      ${prefix}_URL: http://${name}:${port}/graphql`);
    }
    expect(text).toContain(`depends_on: [${SUBGRAPH_REGISTRY.map((s) => s.name).join(', ')}]`);
  });

  it('adds a new subgraph from its registry line alone', () => {
    const text = dockerCompose([
      ...SUBGRAPH_REGISTRY,
      { name: 'legal-aid', port: 4005, agency: { vi: 'Trợ giúp pháp lý', en: 'Legal aid' } },
    ]);
    expect(text).toContain('command: node subgraphs/legal-aid/dist/index.js');
    expect(text).toContain('LEGAL_AID_PORT: "4005", LEGAL_AID_NOTICE_PRIVATE_KEY_FILE: /keys/own/private.pem');
    expect(text).toContain('LEGAL_AID_URL: http://legal-aid:4005/graphql');
    expect(text).toMatch(/depends_on: \[[^\]]*, legal-aid\]/);
  });
});
