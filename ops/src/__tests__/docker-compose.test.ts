import { parse } from 'yaml';
import { SUBGRAPH_REGISTRY, subgraphEnvPrefix, type SubgraphRegistryEntry } from '@rehab/shared-schema';
import { NODE_IMAGE, dockerCompose } from '../docker-compose';

interface Service {
  image?: string;
  command?: string;
  restart?: string;
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

/** The file as Docker Compose reads it (YAML merge keys resolved). */
function services(subgraphs?: readonly SubgraphRegistryEntry[]): Record<string, Service> {
  return (parse(dockerCompose(subgraphs), { merge: true }) as { services: Record<string, Service> }).services;
}

/** What every service must have to run unattended: each subgraph's URL, a readiness check, a restart policy. */
function expectWired(all: Record<string, Service>, registry: readonly SubgraphRegistryEntry[]): void {
  const nodeServices = ['gateway', ...registry.map((s) => s.name)];
  for (const name of nodeServices) {
    const service = all[name];
    expect({ name, image: service?.image, restart: service?.restart }).toEqual({
      name,
      image: NODE_IMAGE,
      restart: 'unless-stopped',
    });
    for (const other of registry) {
      expect({ name, url: service?.environment?.[`${subgraphEnvPrefix(other.name)}_URL`] }).toEqual({
        name,
        url: `http://${other.name}:${other.port}/graphql`,
      });
    }
    const port = name === 'gateway' ? 4000 : registry.find((s) => s.name === name)?.port;
    const probe = service?.healthcheck?.test ?? [];
    expect(probe.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(probe[3]).toContain(`fetch('http://127.0.0.1:${port}/ready')`);
    expect(service?.environment?.HOST).toBe('0.0.0.0');
    expect(service?.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
  }
  expect(all.postgres?.restart).toBe('unless-stopped');
  for (const s of registry) expect(all.gateway?.depends_on?.[s.name]).toEqual({ condition: 'service_healthy' });
}

describe('docker-compose.yml generated from the registry', () => {
  it('runs every registered subgraph on its port with its own key and points every service at every subgraph', () => {
    const all = services();
    for (const { name, port } of SUBGRAPH_REGISTRY) {
      const prefix = subgraphEnvPrefix(name);
      const service = all[name];
      expect(service?.command).toBe(`node subgraphs/${name}/dist/index.js`);
      expect(service?.environment?.[`${prefix}_PORT`]).toBe(String(port));
      expect(service?.volumes).toContain(`./keys/${name}:/keys/own:ro`);
      expect(service?.environment?.[`${prefix}_NOTICE_PRIVATE_KEY_FILE`]).toBe('/keys/own/private.pem');
      expect(all.gateway?.environment?.[`${prefix}_NOTICE_PUBLIC_KEY_FILE`]).toBe(`/keys/public/${name}.pem`);
    }
    expectWired(all, SUBGRAPH_REGISTRY);
  });

  it('runs on a supported Node LTS line', () => {
    expect(NODE_IMAGE).toMatch(/^node:(22|24)-[a-z]+-slim$/);
  });

  it('adds a new subgraph from its registry line alone', () => {
    const registry = [
      ...SUBGRAPH_REGISTRY,
      { name: 'legal-aid', port: 4005, agency: { vi: 'Trợ giúp pháp lý', en: 'Legal aid' } },
    ];
    const all = services(registry);
    expect(all['legal-aid']?.command).toBe('node subgraphs/legal-aid/dist/index.js');
    expect(all['legal-aid']?.environment?.LEGAL_AID_PORT).toBe('4005');
    expectWired(all, registry);
  });

  it('would notice a service without another subgraph’s URL, a healthcheck or a restart policy', () => {
    const text = dockerCompose();
    const broken = [
      text.replace('    HEALTH_URL: http://health:4003/graphql\n', ''),
      text.replace(/\n {4}healthcheck: \{[^\n]*4002\/ready[^\n]*/, ''),
      text.replace('  restart: unless-stopped\n  volumes', '  volumes'),
    ];
    for (const variant of broken) {
      expect(variant).not.toBe(text);
      const all = (parse(variant, { merge: true }) as { services: Record<string, Service> }).services;
      expect(() => expectWired(all, SUBGRAPH_REGISTRY)).toThrow();
    }
  });
});
