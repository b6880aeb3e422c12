import { ApolloGateway } from '@apollo/gateway';
import { createApolloGateway } from '../apollo-gateway';

/*
 * @apollo/gateway's constructor starts its vendor's data collection (cloud metadata probes and a
 * metrics exporter to Apollo's servers) through this module's createDataCollectionExporter.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const vendorTelemetry = require('@apollo/gateway/dist/utilities/opentelemetry') as {
  createDataCollectionExporter: () => { shutdown(): Promise<void> };
};

const SUPERGRAPH = 'type Query { hello: String }';

describe('createApolloGateway', () => {
  const previous = process.env.APOLLO_TELEMETRY_DISABLED;
  let exporter: jest.SpyInstance;

  beforeEach(() => {
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    exporter = jest
      .spyOn(vendorTelemetry, 'createDataCollectionExporter')
      .mockImplementation(() => ({ shutdown: async () => undefined }));
  });
  afterEach(() => {
    exporter.mockRestore();
    if (previous === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
    else process.env.APOLLO_TELEMETRY_DISABLED = previous;
  });

  it('a bare ApolloGateway starts its vendor telemetry (the hook this test watches)', () => {
    new ApolloGateway({ supergraphSdl: SUPERGRAPH });
    expect(exporter).toHaveBeenCalledTimes(1);
  });

  it('the product gateway starts none, and leaves the environment as it found it', () => {
    createApolloGateway({ supergraphSdl: SUPERGRAPH });
    expect(exporter).not.toHaveBeenCalled();
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBeUndefined();
  });

  it('starts none even when the environment asks for it', () => {
    process.env.APOLLO_TELEMETRY_DISABLED = 'false';
    createApolloGateway({ supergraphSdl: SUPERGRAPH });
    expect(exporter).not.toHaveBeenCalled();
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('false');
  });
});
