import { getIntrospectionQuery } from 'graphql';
import type { InProcessSystem } from '@rehab/ops';
import { DEMO_PASSWORD, startGateway, type GatewayOptions, type RunningGateway } from '@rehab/gateway';
import { GATEWAY_LIMIT_DEFAULTS, testCaller } from '@rehab/server-kit';
import { SUBGRAPH_NAMES, SUPERGRAPH_FILE, type SubgraphName } from '@rehab/shared-schema';
import { PERSON_360, personAt, population, startTestSystem } from './fixtures';

interface Body {
  data?: Record<string, unknown> | null;
  errors?: {
    message: string;
    extensions?: { code?: string; i18n?: { vi: string; en: string }; detail?: string; subgraph?: string };
  }[];
}

interface Reply {
  status: number;
  headers: Headers;
  body: Body;
  text: string;
}

/** The system under test runs in production mode, with the default limits. */
let system: InProcessSystem;
/** A development-mode gateway over the same subgraphs, with maxDepth 4. */
let devGateway: RunningGateway;
/** A production gateway over the same subgraphs with tiny rate limits. */
let throttled: RunningGateway;
const tokens: Record<string, string> = {};

function extraGateway(overrides: Partial<GatewayOptions>): Promise<RunningGateway> {
  return startGateway(
    {
      identityDb: system.dbs.identity,
      subgraphUrls: Object.fromEntries([...system.subgraphs].map(([name, running]) => [name, running.url])),
      supergraphPath: SUPERGRAPH_FILE,
      contextPrivateKey: system.trust.contextPrivateKey,
      accessTokenSecret: system.accessTokenSecret,
      webDir: null,
      // Officers' ad-hoc queries are what the limits are tested on, as in the in-process system.
      trustedDocuments: { mode: 'off', manifestPath: null },
      log: () => undefined,
      ...overrides,
    },
    { port: 0 },
  );
}

beforeAll(async () => {
  system = await startTestSystem({ production: true });
  for (const username of ['congan.hanoi', 'phantich.hanoi', 'giamsat.hanoi', 'yte.hanoi', 'laodong.hanoi', 'tnv.phuongbadinh']) {
    tokens[username] = await system.login(username);
  }
  devGateway = await extraGateway({
    production: false,
    schemaToolsForAll: true,
    limits: { ...GATEWAY_LIMIT_DEFAULTS, maxDepth: 4 },
  });
  throttled = await extraGateway({
    production: true,
    rateLimits: { perUser: { ratePerSecond: 0.001, burst: 3 }, loginPerIp: { ratePerSecond: 0.001, burst: 3 } },
  });
});

afterAll(async () => {
  await devGateway.stop();
  await throttled.stop();
  await system.stop();
});

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: Body = {};
  try {
    body = JSON.parse(text) as Body;
  } catch {
    // Not JSON: body stays empty, the test looks at text.
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** POST /graphql with any body (an array for batching) at a gateway URL. */
async function post(base: string, username: string | null, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return reply(
    await fetch(new URL('graphql', base), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(username ? { authorization: `Bearer ${tokens[username]}` } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    }),
  );
}

/** POST to a subgraph with a valid gateway signature for a supervisor. */
async function direct(name: SubgraphName, body: unknown): Promise<Reply> {
  const url = system.subgraphs.get(name)?.url as string;
  return reply(
    await fetch(url, {
      method: 'POST',
      headers: await system.signedHeaders(testCaller('supervisor'), name, typeof body === 'object' && body !== null ? body : {}),
      body: JSON.stringify(body),
    }),
  );
}

function expectTyped(result: Reply, status: number, code: string, en?: RegExp): void {
  expect(result.status).toBe(status);
  expect(result.body.data ?? undefined).toBeUndefined();
  const [error] = result.body.errors ?? [];
  expect(error?.extensions?.code).toBe(code);
  expect(error?.extensions?.i18n?.vi).toBe(error?.message);
  if (en) expect(error?.extensions?.i18n?.en).toMatch(en);
}

function totalQueries(): number {
  return SUBGRAPH_NAMES.reduce((sum, name) => sum + system.queryCount(name), 0);
}

const PERSON_FIELDS = `id identificationNumber fullName otherNames dateOfBirth sex ethnicity
  permanentResidence { addressLine unit { code name path } }
  currentResidence { addressLine unit { code name path } }
  rehabEpisodes { id kind status admittedOn plannedEndOn endedOn facility { code name } }
  addictionDeterminations { id examinedOn addicted substanceClasses documentNumber }
  substitutionTreatment { status phase enrolledOn medication clinic { code name } }
  supportAssignments { id reason startedOn endedOn volunteer { fullName phone organisation { name } } }`;

const LIST = `query($first: Int!) { persons(first: $first) {
  nodes {
    id fullName currentResidence { unit { name } }
    rehabEpisodes { status facility { name } }
    addictionDeterminations { addicted }
    substitutionTreatment { phase clinic { name } }
    supportAssignments { startedOn volunteer { fullName organisation { name } } }
  } } }`;

const repeat = (n: number, item: (i: number) => string): string => Array.from({ length: n }, (_, i) => item(i)).join(' ');

describe('query limits at the gateway (production, defaults)', () => {
  it('leave room for the Person-360 query and the 100-person list across all four subgraphs', async () => {
    const person = personAt('SUBSTITUTION');
    const p360 = await post(system.url, 'giamsat.hanoi', {
      query: PERSON_360,
      variables: { number: person.identificationNumber },
    });
    expect(p360.body.errors).toBeUndefined();
    expect(p360.body.data?.personByIdentificationNumber).toMatchObject({
      id: person.id,
      substitutionTreatment: { phase: person.substitution?.phase },
    });
    const list = await post(system.url, 'giamsat.hanoi', { query: LIST, variables: { first: 100 } });
    expect(list.body.errors).toBeUndefined();
    expect((list.body.data?.persons as { nodes: unknown[] }).nodes).toHaveLength(100);
  });

  it('refuse more than 15 aliases', async () => {
    const aliases = (n: number) => `{ ${repeat(n, (i) => `u${i}: administrativeUnit(code: "01") { code }`)} }`;
    expect((await post(system.url, 'congan.hanoi', { query: aliases(15) })).body.errors).toBeUndefined();
    expectTyped(
      await post(system.url, 'congan.hanoi', { query: aliases(16) }),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      /too many aliases: at most 15, this one has 16/,
    );
  });

  it('refuse more than 2000 tokens', async () => {
    const result = await post(system.url, 'congan.hanoi', {
      query: `{ administrativeUnit(code: "01") { ${repeat(2000, () => 'code')} } }`,
    });
    expectTyped(result, 400, 'GRAPHQL_PARSE_FAILED', /too long: at most 2000 tokens/);
  });

  it('refuse more than 20 directives', async () => {
    const result = await post(system.url, 'congan.hanoi', {
      query: `{ administrativeUnit(code: "01") { ${repeat(21, () => 'code @include(if: true)')} } }`,
    });
    expectTyped(result, 400, 'GRAPHQL_VALIDATION_FAILED', /too many directives: at most 20, this one has 21/);
  });

  it('refuse a query over the cost budget, page size given as a variable, before any subgraph is called', async () => {
    const query = `query($first: Int!) { persons(first: $first) { nodes { ${PERSON_FIELDS} } } }`;
    system.resetQueryCounts();
    const result = await post(system.url, 'giamsat.hanoi', { query, variables: { first: 200 } });
    expectTyped(result, 400, 'GRAPHQL_VALIDATION_FAILED', /too expensive: estimated cost \d+ exceeds the budget of 20000/);
    expect(totalQueries()).toBe(0);
    const small = await post(system.url, 'giamsat.hanoi', { query, variables: { first: 5 } });
    expect(small.body.errors).toBeUndefined();
  });

  it('refuse depth beyond the configured maximum (a gateway with maxDepth 4)', async () => {
    const person = personAt('POST_REHAB');
    // supportAssignments → volunteer → organisation → name is 5 levels deep.
    const result = await post(devGateway.url, 'giamsat.hanoi', {
      query: PERSON_360,
      variables: { number: person.identificationNumber },
    });
    expectTyped(result, 400, 'GRAPHQL_VALIDATION_FAILED', /nested too deeply: at most 4 levels, this one has 5/);
    expect(result.body.errors?.[0]?.message).toBe('Truy vấn lồng quá sâu: tối đa 4 cấp, truy vấn này có 5 cấp');
    const shallow = await post(devGateway.url, 'giamsat.hanoi', {
      query:
        'query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) { rehabEpisodes { facility { name } } } }',
      variables: { n: person.identificationNumber },
    });
    expect(shallow.body.errors).toBeUndefined();
  });
});

describe("query limits at each subgraph (wider, for the gateway's query plans)", () => {
  it.each(SUBGRAPH_NAMES)('%s refuses more than 30 aliases and 4000 tokens', async (name) => {
    const aliases = await direct(name, { query: `{ ${repeat(31, (i) => `u${i}: administrativeUnit(code: "01") { code }`)} }` });
    expectTyped(aliases, 400, 'GRAPHQL_VALIDATION_FAILED', /too many aliases: at most 30, this one has 31/);
    const long = await direct(name, { query: `{ administrativeUnit(code: "01") { ${repeat(4000, () => 'code')} } }` });
    expectTyped(long, 400, 'GRAPHQL_PARSE_FAILED', /too long: at most 4000 tokens/);
  });

  it("answer an `_entities` fetch for 100 persons, the shape of the gateway's plans", async () => {
    const representations = population.slice(0, 100).map((p) => ({ __typename: 'Person', id: p.id }));
    const result = await direct('labor-welfare', {
      query:
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { rehabEpisodes { status facility { name unit { code name path } } } } } }',
      variables: { r: representations },
    });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?._entities).toHaveLength(100);
  });
});

describe('batched HTTP requests', () => {
  const batch = [
    { query: '{ administrativeUnit(code: "01") { code } }' },
    { query: '{ administrativeUnit(code: "001") { code } }' },
  ];

  it('are refused at the gateway with a typed error', async () => {
    const result = await post(system.url, 'congan.hanoi', batch);
    expectTyped(result, 400, 'BAD_REQUEST');
    expect(result.body.errors?.[0]?.extensions?.i18n).toEqual({ vi: 'Yêu cầu không hợp lệ', en: 'Bad request' });
    expect(result.body.errors?.[0]?.extensions?.detail).toMatch(/batching/i);
  });

  it.each(SUBGRAPH_NAMES)('are refused by %s even with a valid signature', async (name) => {
    const result = await direct(name, batch);
    expectTyped(result, 400, 'BAD_REQUEST');
    expect(result.body.errors?.[0]?.extensions?.detail).toMatch(/batching/i);
  });
});

describe('CSRF prevention at the gateway', () => {
  const query = encodeURIComponent('{ administrativeUnit(code: "01") { code } }');

  it('refuses a simple GET without a preflight header, even with a valid token', async () => {
    const result = await reply(
      await fetch(new URL(`graphql?query=${query}`, system.url), {
        headers: { authorization: `Bearer ${tokens['congan.hanoi']}` },
      }),
    );
    expectTyped(result, 400, 'BAD_REQUEST');
    expect(result.body.errors?.[0]?.extensions?.detail).toMatch(/CSRF/);
  });

  it('refuses a form-style POST (text/plain, url-encoded)', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const result = await reply(
        await fetch(new URL('graphql', system.url), {
          method: 'POST',
          headers: { 'content-type': contentType, authorization: `Bearer ${tokens['congan.hanoi']}` },
          body: JSON.stringify({ query: '{ administrativeUnit(code: "01") { code } }' }),
        }),
      );
      expectTyped(result, 400, 'BAD_REQUEST');
      expect(result.body.errors?.[0]?.extensions?.detail).toMatch(/CSRF/);
    }
  });

  it('answers the same GET when it carries a preflight-forcing header', async () => {
    const result = await reply(
      await fetch(new URL(`graphql?query=${query}`, system.url), {
        headers: { authorization: `Bearer ${tokens['congan.hanoi']}`, 'apollo-require-preflight': 'true' },
      }),
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { administrativeUnit: { code: '01' } } });
  });
});

describe('introspection and suggestions', () => {
  const SCHEMA = '{ __schema { queryType { name } } }';

  it.each(['congan.hanoi', 'yte.hanoi', 'laodong.hanoi', 'tnv.phuongbadinh'])(
    'in production, %s may not introspect (FORBIDDEN)',
    async (username) => {
      expectTyped(
        await post(system.url, username, { query: SCHEMA }),
        403,
        'FORBIDDEN',
        /Only analysts and supervisors may introspect/,
      );
      expectTyped(
        await post(system.url, username, { query: '{ __type(name: "Person") { fields { name } } }' }),
        403,
        'FORBIDDEN',
      );
      const typename = await post(system.url, username, { query: '{ __typename }' });
      expect(typename.body).toEqual({ data: { __typename: 'Query' } });
    },
  );

  it.each(['phantich.hanoi', 'giamsat.hanoi'])('in production, %s may introspect for analyst tooling', async (username) => {
    const result = await post(system.url, username, { query: getIntrospectionQuery() });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    const types = (result.body.data?.__schema as { types: { name: string }[] }).types.map((t) => t.name);
    expect(types).toEqual(expect.arrayContaining(['Person', 'RehabEpisode', 'SubstitutionTreatment']));
  });

  it('in development with the switch on, every role may introspect', async () => {
    const result = await post(devGateway.url, 'congan.hanoi', { query: SCHEMA });
    expect(result.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('production subgraphs do not answer introspection at all', async () => {
    const result = await direct('police', { query: SCHEMA });
    expectTyped(result, 400, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('"Did you mean …" never appears in production errors, but helps in development', async () => {
    const typo = {
      query: 'query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) { fulName } }',
      variables: { n: population[0]?.identificationNumber },
    };
    const production = await post(system.url, 'giamsat.hanoi', typo);
    expectTyped(production, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(production.text).not.toMatch(/Did you mean|fullName/);
    const development = await post(devGateway.url, 'giamsat.hanoi', typo);
    expect(development.text).toMatch(/Did you mean \\"fullName\\"/);
  });
});

describe('rate limits', () => {
  const QUERY = {
    query: 'query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) { fullName } }',
    variables: { n: population[1]?.identificationNumber },
  };

  it("answer each officer's burst, then 429 with a typed bilingual error that changes nothing", async () => {
    for (let i = 0; i < 3; i++) {
      const allowed = await post(throttled.url, 'yte.hanoi', QUERY);
      expect(allowed.status).toBe(200);
    }
    system.resetQueryCounts();
    const refused = await post(throttled.url, 'yte.hanoi', QUERY);
    expectTyped(refused, 429, 'TOO_MANY_REQUESTS', /Too many requests, please try again in \d+ seconds/);
    expect(refused.body.errors?.[0]?.message).toMatch(/^Quá nhiều yêu cầu, vui lòng thử lại sau \d+ giây$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(totalQueries()).toBe(0);
    // Another officer has a bucket of their own.
    expect((await post(throttled.url, 'laodong.hanoi', QUERY)).status).toBe(200);
  });

  it('count failed logins per IP address; successful logins give their token back', async () => {
    const login = async (username: string, password: string) =>
      fetch(new URL('auth/login', throttled.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
    for (let i = 0; i < 4; i++) expect((await login('laodong.hanoi', DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login('khong.ton.tai', 'sai-mat-khau')).status).toBe(401);
    const refused = await login('laodong.hanoi', DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { code: string; message: string; messageEn: string };
    expect(body.code).toBe('TOO_MANY_REQUESTS');
    expect(body.message).toMatch(/^Quá nhiều lần đăng nhập không thành công từ địa chỉ này/);
    expect(body.messageEn).toMatch(/^Too many failed logins from this address/);
    // The main gateway keeps its own, untouched, bucket for the same address.
    expect(
      (
        await fetch(new URL('auth/login', system.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'laodong.hanoi', password: DEMO_PASSWORD }),
        })
      ).status,
    ).toBe(200);
  });
});

describe('errors in production mode', () => {
  const INTERNALS =
    /127\.0\.0\.1|localhost|ECONNREFUSED|https?:\/\/|\/graphql|stack|\bat \S+ \(|node_modules|\.ts:\d+|SELECT|INSERT|relation "|syntax error/i;

  it('with a subgraph down: the other agencies answer, the missing one is named, nothing internal leaks', async () => {
    const person = personAt('SUBSTITUTION');
    await system.stopSubgraph('health');
    try {
      const result = await post(system.url, 'congan.hanoi', {
        query: PERSON_360,
        variables: { number: person.identificationNumber },
      });
      expect(result.status).toBe(200);
      expect((result.body.data?.personByIdentificationNumber as { fullName: string }).fullName).toBe(person.fullName);
      const health = result.body.errors?.find((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE');
      expect(health?.extensions).toEqual({
        code: 'SUBGRAPH_UNAVAILABLE',
        subgraph: 'health',
        i18n: { vi: 'Dữ liệu Y tế tạm thời không khả dụng', en: 'Health data is temporarily unavailable' },
        requestId: expect.any(String),
      });
      for (const error of result.body.errors ?? []) expect(Object.keys(error.extensions ?? {})).not.toContain('stacktrace');
      expect(result.text).not.toMatch(INTERNALS);
    } finally {
      await system.startSubgraph('health');
    }
    const after = await post(system.url, 'congan.hanoi', {
      query: PERSON_360,
      variables: { number: person.identificationNumber },
    });
    expect(after.body.errors).toBeUndefined();
  });

  it('answers a body that is not JSON or too large with a typed error, also in development mode', async () => {
    const cases: [string, string, number, string][] = [
      ['graphql', '{"query": ', 400, 'BAD_REQUEST'],
      ['auth/login', '{"username": ', 400, 'BAD_REQUEST'],
      ['graphql', JSON.stringify({ query: `{ __typename }${' '.repeat(1_100_000)}` }), 413, 'PAYLOAD_TOO_LARGE'],
      ['auth/login', JSON.stringify({ username: 'x'.repeat(20_000), password: 'y' }), 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const base of [system.url, devGateway.url]) {
      for (const [path, body, status, code] of cases) {
        const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const text = await response.text();
        expect({ path, status: response.status, code: (JSON.parse(text) as Body).errors?.[0]?.extensions?.code }).toEqual({
          path,
          status,
          code,
        });
        expect(text).not.toMatch(INTERNALS);
      }
    }
  });
});
