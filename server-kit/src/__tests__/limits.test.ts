import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  bindPageSizes,
  costChecker,
  GATEWAY_LIMIT_DEFAULTS,
  gatewayLimitsFromEnv,
  limitServerOptions,
  subgraphLimitsFromEnv,
  withoutSuggestions,
  type QueryLimits,
} from '../limits';
import { buildSchema, parse, print, type GraphQLSchema } from 'graphql';

interface Person {
  id: string;
  fullName: string;
  status: 'ACTIVE' | 'INACTIVE';
  friend: () => Person;
  friends: (args: { first: number }) => Person[];
}

function person(n: number): Person {
  return {
    id: String(n),
    fullName: `Người ${n}`,
    status: 'ACTIVE',
    friend: () => person(n + 1),
    friends: ({ first }) => Array.from({ length: first }, (_, i) => person(n + i + 1)),
  };
}

/** A small executable schema for limit tests: root value resolvers, nested people, paged lists. */
function makeExecutableSchemaFromSdl(): GraphQLSchema {
  const schema = buildSchema(`
    enum Status { ACTIVE INACTIVE }
    type Person { id: ID! fullName: String! status: Status! friend: Person! friends(first: Int = 5): [Person!]! }
    type Query { person(seq: ID!): Person persons(first: Int = 20, status: Status): [Person!]! } # seq: a number, not a record id (those must be UUIDs, id-guard.ts)
  `);
  const query = schema.getQueryType();
  const fields = query?.getFields();
  if (!fields?.person || !fields.persons) throw new Error('test schema lacks its root fields');
  fields.person.resolve = (_root, args: { seq: string }) => person(Number(args.seq));
  fields.persons.resolve = (_root, args: { first: number }) => Array.from({ length: args.first }, (_, i) => person(i + 1));
  return schema;
}

const schema = makeExecutableSchemaFromSdl();

const LIMITS: QueryLimits = { maxDepth: 4, maxAliases: 3, maxTokens: 60, maxCost: 400, maxDirectives: 2 };

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; i18n?: { vi: string; en: string }; detail?: string } }[];
}

async function serverWith(production: boolean): Promise<ApolloServer> {
  const limits = limitServerOptions(LIMITS, { production, keepSuggestions: true });
  const server = new ApolloServer({ schema, introspection: true, ...limits });
  await server.start();
  return server;
}

async function post(server: ApolloServer, body: unknown): Promise<{ status: number; body: Body }> {
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body },
    context: async () => ({}),
  });
  if (response.body.kind !== 'complete') throw new Error('expected a complete response');
  return { status: response.status ?? 200, body: JSON.parse(response.body.string) as Body };
}

let dev: ApolloServer;
let prod: ApolloServer;

beforeAll(async () => {
  dev = await serverWith(false);
  prod = await serverWith(true);
});

afterAll(async () => {
  await dev.stop();
  await prod.stop();
});

function expectRefused(result: { status: number; body: Body }, en: RegExp): void {
  expect(result.status).toBe(400);
  expect(result.body.data).toBeUndefined();
  const [error] = result.body.errors ?? [];
  expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(error?.extensions?.i18n?.en).toMatch(en);
  expect(error?.extensions?.i18n?.vi).toBe(error?.message);
}

describe('limit configuration', () => {
  it('has the documented gateway defaults and reads overrides from the environment', () => {
    expect(gatewayLimitsFromEnv({})).toEqual({
      maxDepth: 12,
      maxAliases: 15,
      maxTokens: 2000,
      maxCost: 20_000,
      maxDirectives: 20,
    });
    expect(gatewayLimitsFromEnv({ GRAPHQL_MAX_DEPTH: '8', GRAPHQL_MAX_COST: '500' })).toMatchObject({
      maxDepth: 8,
      maxCost: 500,
      maxAliases: 15,
    });
  });

  it("gives subgraphs room for the gateway's query plans, each overridable", () => {
    const gateway = gatewayLimitsFromEnv({ GRAPHQL_MAX_TOKENS: '1000' });
    const subgraph = subgraphLimitsFromEnv({ GRAPHQL_MAX_TOKENS: '1000', SUBGRAPH_MAX_ALIASES: '7' });
    expect(subgraph.maxDepth).toBe(gateway.maxDepth + 4);
    expect(subgraph.maxTokens).toBe(2000);
    expect(subgraph.maxCost).toBe(2 * GATEWAY_LIMIT_DEFAULTS.maxCost);
    expect(subgraph.maxAliases).toBe(7);
  });

  it('refuses to start with a limit that is not a positive number', () => {
    expect(() => gatewayLimitsFromEnv({ GRAPHQL_MAX_DEPTH: 'deep' })).toThrow(/GRAPHQL_MAX_DEPTH/);
    expect(() => subgraphLimitsFromEnv({ SUBGRAPH_MAX_COST: '0' })).toThrow(/SUBGRAPH_MAX_COST/);
  });
});

describe('query limits (graphql-armor rules and plugins)', () => {
  it('answers a query within every limit', async () => {
    const result = await post(dev, { query: '{ person(seq: "1") { fullName friend { fullName } } }' });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { person: { fullName: 'Người 1', friend: { fullName: 'Người 2' } } } });
  });

  it('refuses a query nested deeper than maxDepth; fragments are not a level', async () => {
    const deep = await post(dev, { query: '{ person(seq: "1") { friend { friend { friend { fullName } } } } }' });
    expectRefused(deep, /nested too deeply: at most 4 levels, this one has 5/);
    expect(deep.body.errors?.[0]?.message).toBe('Truy vấn lồng quá sâu: tối đa 4 cấp, truy vấn này có 5 cấp');
    const fragments = await post(dev, {
      query: '{ person(seq: "1") { ...A } } fragment A on Person { friend { ... on Person { friend { fullName } } } }',
    });
    expect(fragments.body.errors).toBeUndefined();
  });

  it('refuses more aliases than maxAliases', async () => {
    const result = await post(dev, {
      query: '{ a: person(seq: "1") { id } b: person(seq: "2") { id } c: person(seq: "3") { id } d: person(seq: "4") { id } }',
    });
    expectRefused(result, /too many aliases: at most 3, this one has 4/);
  });

  it('refuses more directives than maxDirectives', async () => {
    const result = await post(dev, {
      query: '{ person(seq: "1") { id @include(if: true) fullName @include(if: true) status @skip(if: false) } }',
    });
    expectRefused(result, /too many directives: at most 2, this one has 3/);
  });

  it('stops parsing a query with more tokens than maxTokens', async () => {
    const fields = (n: number) => Array.from({ length: n }, () => 'id').join(' ');
    // 10 tokens around the fields: { person ( id : "1" ) { … } }
    expect((await post(dev, { query: `{ person(seq: "1") { ${fields(50)} } }` })).body.errors).toBeUndefined();
    const result = await post(dev, { query: `{ person(seq: "1") { ${fields(51)} } }` });
    expect(result.status).toBe(400);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors?.[0]?.message).toBe('Truy vấn quá dài: tối đa 60 token');
    expect(result.body.errors?.[0]?.extensions).toEqual({
      code: 'GRAPHQL_PARSE_FAILED',
      i18n: { vi: 'Truy vấn quá dài: tối đa 60 token', en: 'The query is too long: at most 60 tokens' },
    });
  });

  it('refuses a query over the cost budget, with page sizes as literals, variables or schema defaults', async () => {
    const query = 'query($n: Int) { persons(first: $n) { id fullName friend { fullName } } }';
    expect((await post(dev, { query, variables: { n: 5 } })).body.errors).toBeUndefined();
    expectRefused(
      await post(dev, { query, variables: { n: 100 } }),
      /too expensive: estimated cost \d+ exceeds the budget of 400/,
    );
    expectRefused(await post(dev, { query: '{ persons(first: 100) { id fullName friend { fullName } } }' }), /too expensive/);
    // Without `first` the schema default (20) counts: the same selection is over the budget.
    expectRefused(await post(dev, { query: '{ persons { id fullName friends { id fullName } } }' }), /too expensive/);
    expect(
      (await post(dev, { query: '{ persons(first: 2) { id fullName friends { id fullName } } }' })).body.errors,
    ).toBeUndefined();
  });

  it('binds page-size variables and defaults as literals for the cost rule', () => {
    const document = parse(
      'query($n: Int, $m: Int = 7) { persons(first: $n) { friends { id } } other: persons(first: $m) { id } }',
    );
    expect(print(bindPageSizes(document, schema, { n: 42 }))).toBe(
      print(
        parse('query($n: Int, $m: Int = 7) { persons(first: 42) { friends(first: 5) { id } } other: persons(first: 7) { id } }'),
      ),
    );
  });

  it('judges the cost once per document and page sizes, each answer still by its own page size', async () => {
    const query = 'query($n: Int) { persons(first: $n) { id fullName friend { fullName } } }';
    for (const n of [5, 100, 5, 100, 3]) {
      const { errors } = (await post(dev, { query, variables: { n } })).body;
      if (n === 100) expect(errors?.[0]?.extensions?.i18n?.en).toMatch(/too expensive: estimated cost 1025/);
      else expect(errors).toBeUndefined();
    }
    const costError = costChecker(400);
    const document = parse(query);
    const first = costError(document, schema, { n: 100 });
    const again = costError(document, schema, { n: 100 });
    expect(first?.message).toMatch(/vượt ngân sách 400/);
    expect(again?.message).toBe(first?.message);
    expect(again).not.toBe(first);
    expect(costError(document, schema, { n: 5 })).toBeUndefined();
  });

  it('refuses batched HTTP requests with a typed error', async () => {
    const result = await post(dev, [{ query: '{ person(seq: "1") { id } }' }, { query: '{ person(seq: "2") { id } }' }]);
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(result.body.errors?.[0]?.extensions?.i18n?.en).toBe('Bad request');
  });
});

describe('field suggestions', () => {
  const typo = '{ person(seq: "1") { fulName } }';
  const enumTypo = '{ persons(first: 1, status: ACTIV) { id } }';

  it('are shown in development', async () => {
    expect(JSON.stringify((await post(dev, { query: typo })).body)).toMatch(/Did you mean \\"fullName\\"/);
    expect(JSON.stringify((await post(dev, { query: enumTypo })).body)).toMatch(/Did you mean the enum value \\"ACTIVE\\"/);
  });

  it('never appear in production errors, field and enum-value hints alike', async () => {
    for (const query of [typo, enumTypo]) {
      const result = await post(prod, { query });
      expect(result.status).toBe(400);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const text = JSON.stringify(result.body);
      expect(text).not.toMatch(/Did you mean|fullName|ACTIVE/);
    }
  });

  it('are cut out of any message, one or many', () => {
    expect(withoutSuggestions({ message: 'Cannot query field "x" on type "T". Did you mean "y", "z", or "w"?' }).message).toBe(
      'Cannot query field "x" on type "T".',
    );
    const clean = { message: 'Unknown type "Q".' };
    expect(withoutSuggestions(clean)).toBe(clean);
  });
});
