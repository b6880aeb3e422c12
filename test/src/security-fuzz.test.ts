/**
 * A seeded, bounded fuzz of the gateway on loopback: queries and mutations of the
 * supergraph with mangled arguments (impossible dates, NUL, huge strings, wrong types,
 * malformed ids, unknown enum values, negative and huge page sizes), as several roles,
 * in variables and written into the query. Every answer must be a typed error or data:
 * no 5xx, no masked internal error, no stack trace, SQL text, file path or internal URL;
 * refused mutations change no row of any table of the subgraph databases.
 * FUZZ_SEED and FUZZ_REQUESTS change the run (defaults: fixed seed, 2,400 requests).
 */
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import type { DataSource } from 'typeorm';
import { startGateway, type RunningGateway } from '@rehab/gateway';
import { ownerDataSource } from '@rehab/server-kit';
import type { InProcessSystem } from '@rehab/ops';
import { SUBGRAPH_NAMES, SUPERGRAPH_FILE, type SubgraphName } from '@rehab/shared-schema';
import { population, startTestSystem } from './fixtures';

const SEED = Number(process.env.FUZZ_SEED ?? 13_2026);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2400);
const PARALLEL = 6;
const supergraph = buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'));

/** mulberry32: small, seeded, reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (p: number): boolean => random() < p;

const RECORD_ID = /^(ids?|[a-z][A-Za-z0-9]*Ids?)$/;
const UNIT_CODES = ['00004', '00008', '01', '15', '02647', '001', 'CSCN1', 'MMT001', 'TAKV-HN01'];
const person = (): string => pick(population).id;

/** A value the schema accepts (it may still be refused by a rule). */
function valid(type: GraphQLInputType, name: string, depth: number): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [valid(nullable.ofType, name, depth + 1)];
  const named = getNamedType(nullable) as GraphQLNamedType;
  if (isEnumType(named)) return pick(named.getValues()).name;
  if (isInputObjectType(named)) {
    if (depth > 4) return {};
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((f) => isNonNullType(f.type) || chance(0.5))
        .map((f) => [f.name, valid(f.type, f.name, depth + 1)]),
    );
  }
  switch (named.name) {
    case 'ID':
      return RECORD_ID.test(name) ? person() : pick(UNIT_CODES);
    case 'Date':
      return pick(['2026-01-05', '2025-06-30', '2024-02-29', '2026-07-01']);
    case 'DateTime':
      return pick(['2026-01-05T08:00:00+07:00', '2025-12-31T23:59:59Z']);
    case 'IdentificationNumber':
      return pick(population).identificationNumber;
    case 'Int':
      return name === 'expectedVersion' ? 1 : pick([1, 5, 20]);
    case 'Float':
      return 1.5;
    case 'Boolean':
      return chance(0.5);
    default:
      return pick(['Ghi chú kiểm thử', 'Nguyễn Văn An', 'a']);
  }
}

const HUGE = 'ắ'.repeat(20_000);
/** Values the schema refuses, or that only a rule can refuse (marked soft). */
function mangled(type: GraphQLInputType, name: string, depth: number): { value: unknown; hard: boolean } {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (chance(0.3)) return { value: 'không phải danh sách', hard: false };
    const inner = mangled(nullable.ofType, name, depth + 1);
    return { value: [valid(nullable.ofType, name, depth + 1), inner.value], hard: inner.hard };
  }
  const named = getNamedType(nullable) as GraphQLNamedType;
  if (isEnumType(named))
    return { value: pick(['KHONG_CO', 'unknown', '', 42, pick(named.getValues()).name.toLowerCase()]), hard: true };
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields());
    const base = valid(named, name, depth) as Record<string, unknown>;
    const target = pick(fields);
    if (chance(0.2)) return { value: { ...base, truongKhongCo: 1 }, hard: true };
    if (chance(0.2) && isNonNullType(target.type))
      return { value: Object.fromEntries(Object.entries(base).filter(([k]) => k !== target.name)), hard: true };
    const inner = mangled(target.type, target.name, depth + 1);
    return { value: { ...base, [target.name]: inner.value }, hard: inner.hard };
  }
  const wrongType = (): unknown => pick([{ a: 1 }, [1, 2], true, 3.75]);
  switch (named.name) {
    case 'ID':
      return RECORD_ID.test(name)
        ? {
            value: pick([
              'not-a-uuid',
              "1' OR '1'='1",
              '',
              '00000000-0000-0000-0000-00000000000g',
              123,
              `${person()}\u0000`,
              HUGE,
            ]),
            hard: true,
          }
        : { value: pick(['', 'ZZZ', "' OR 1=1 --", HUGE, `00004\u0000`, '../../etc']), hard: false };
    case 'Date':
      return {
        value: pick(['2026-13-01', '2026-02-30', '0000-00-00', '2026-1-5', '', '99999-01-01', 20260105, wrongType()]),
        hard: true,
      };
    case 'DateTime':
      return { value: pick(['2026-13-01T00:00:00Z', '2026-01-05T25:00:00Z', 'hôm qua', '', 0]), hard: true };
    case 'IdentificationNumber':
      return { value: pick(['12345', '0010911918389', 'abcdefghijkl', '', '001091191838\u0000']), hard: true };
    case 'Int':
      return pick([
        { value: pick([-1, 0, 2_147_483_647, -2_147_483_648, 1_000_000_000]), hard: false },
        { value: pick([2 ** 31, 1e12, 1.5, '5', null]), hard: true },
      ]);
    case 'Float':
      return { value: pick(['1,5', Number.MAX_VALUE, 'NaN']), hard: true };
    case 'Boolean':
      return { value: pick(['true', 1, 'có']), hard: true };
    default:
      return pick([
        {
          value: pick(['', ' ', HUGE, '😀'.repeat(500), 'O\'Brien "; --', '<script>alert(1)</script>', '\u202e\u0301']),
          hard: false,
        },
        { value: pick([`ghi\u0000chú`, 42, wrongType()]), hard: true },
      ]);
  }
}

/** A GraphQL literal of a JS value (enum names bare when the type is an enum). */
function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const named = type ? getNamedType(type) : undefined;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const inner =
      type && isListType(getNullableType(type)) ? (getNullableType(type) as { ofType: GraphQLInputType }).ofType : type;
    return `[${value.map((v) => literal(v, inner)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = named && isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string' && named && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  return JSON.stringify(value);
}

function selection(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (isLeafType(named)) return '';
  if (isObjectType(named) && named.getFields().id) return '{ __typename id }';
  return '{ __typename }';
}

interface FuzzRequest {
  root: 'query' | 'mutation';
  field: string;
  body: { query: string; variables: Record<string, unknown> };
}

/** One request: every required argument and some optional ones; a mutation carries at least one value the schema refuses. */
function request(root: 'query' | 'mutation'): FuzzRequest {
  const fields = Object.values(
    (root === 'query' ? supergraph.getQueryType() : supergraph.getMutationType())?.getFields() ?? {},
  ).filter((f) => !f.name.startsWith('_'));
  const field = pick(fields);
  const args = field.args.filter((a) => isNonNullType(a.type) || chance(0.5));
  // Codes (ID not named …Id) have no value the schema refuses.
  const refusable = field.args.filter((a) => getNamedType(a.type).name !== 'ID' || RECORD_ID.test(a.name));
  const forced: GraphQLArgument | undefined = root === 'mutation' ? pick(refusable.length ? refusable : field.args) : undefined;
  const variables: Record<string, unknown> = {};
  const declared: string[] = [];
  const hardness: boolean[] = [];
  const written = args.concat(forced && !args.includes(forced) ? [forced] : []).map((arg, i) => {
    let value: unknown;
    if (arg === forced || chance(0.5)) {
      let m = mangled(arg.type, arg.name, 0);
      for (let tries = 0; arg === forced && !m.hard && tries < 50; tries += 1) m = mangled(arg.type, arg.name, 0);
      hardness.push(m.hard);
      value = m.value;
    } else {
      value = valid(arg.type, arg.name, 0);
    }
    if (chance(0.25)) return `${arg.name}: ${literal(value, arg.type)}`;
    variables[`v${i}`] = value;
    declared.push(`$v${i}: ${arg.type.toString()}`);
    return `${arg.name}: $v${i}`;
  });
  if (root === 'mutation' && !hardness.includes(true)) throw new Error(`no refused value for ${field.name}`);
  const call = written.length ? `${field.name}(${written.join(', ')})` : field.name;
  const query = `${root}${declared.length ? `(${declared.join(', ')})` : ''} { ${call} ${selection(field)} }`;
  return { root, field: field.name, body: { query, variables } };
}

let system: InProcessSystem;
let gateway: RunningGateway;
const tokens: string[] = [];
const USERS = [
  'giamsat.hanoi',
  'phantich.hanoi',
  'congan.phuongbadinh',
  'congan.hanoi',
  'ubnd.phuongbadinh',
  'yte.hanoi',
  'laodong.hanoi',
  'cscn1',
  'tnv.phuongbadinh',
  'mttq.phuongbadinh',
  'toaan.kv1',
];

beforeAll(async () => {
  system = await startTestSystem();
  gateway = await startGateway(
    {
      identityDb: system.dbs.identity,
      subgraphUrls: Object.fromEntries([...system.subgraphs].map(([name, running]) => [name, running.url])),
      supergraphPath: SUPERGRAPH_FILE,
      contextPrivateKey: system.trust.contextPrivateKey,
      accessTokenSecret: system.accessTokenSecret,
      webDir: null,
      log: () => undefined,
      // Officers' mangled ad-hoc queries reach the schema, as in the in-process system.
      trustedDocuments: { mode: 'off', manifestPath: null },
      // The fuzz is many requests per officer; the per-officer limit is not what it tests.
      rateLimits: { perUser: { ratePerSecond: 10_000, burst: 10_000 }, loginPerIp: { ratePerSecond: 100, burst: 100 } },
    },
    { port: 0 },
  );
  for (const user of USERS) tokens.push(await system.login(user));
}, 240_000);

afterAll(async () => {
  await gateway.stop();
  await system.stop();
});

/** Exact row counts of every table of every subgraph database. */
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of SUBGRAPH_NAMES) {
    // As the owner: the application role may not read every table (audit logs are append-only to it).
    const db = ownerDataSource(system.dbs.subgraph(name).source, name, system.options.env);
    await db.initialize();
    try {
      await countTables(db, name, counts);
    } finally {
      await db.destroy();
    }
  }
  return counts;
}

async function countTables(db: DataSource, name: SubgraphName, counts: Record<string, number>): Promise<void> {
  {
    const tables = await db.query<{ schemaname: string; relname: string }[]>(
      `SELECT schemaname, relname FROM pg_stat_user_tables ORDER BY 1, 2`,
    );
    for (const t of tables) {
      const [row] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${t.schemaname}"."${t.relname}"`);
      counts[`${name}.${t.schemaname}.${t.relname}`] = row?.n ?? -1;
    }
  }
}

/** What must never be in an answer: stack frames, file paths, SQL and driver text, internal addresses. */
const LEAKS =
  /\n\s+at |stacktrace|node_modules|\/work\/|[A-Za-z]:\\|\.ts:\d+|\.js:\d+|\bselect\s+.+\s+from\b|\binsert into\b|\bupdate\s+\S+\s+set\b|relation "|violates|syntax error at|duplicate key|invalid input syntax|QueryFailedError|\btypeorm\b|\bECONN(?:REFUSED|RESET)\b|127\.0\.0\.1|localhost|http:\/\//i;

/** Answers by HTTP status and first error code, for the log. */
const tally = new Map<string, number>();

interface Finding {
  status: number;
  code?: string;
  field: string;
  query: string;
  text: string;
}

async function send(r: FuzzRequest, token: string): Promise<Finding | null> {
  const response = await fetch(new URL('graphql', gateway.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(r.body),
  });
  const text = await response.text();
  let code: string | undefined;
  try {
    const codes = ((JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map(
      (e) => e.extensions?.code ?? 'NONE',
    );
    const first = codes[0] ?? 'DATA';
    tally.set(`${response.status} ${first}`, (tally.get(`${response.status} ${first}`) ?? 0) + 1);
    code = codes.find((c) => c === 'INTERNAL_SERVER_ERROR' || c === 'NONE');
  } catch {
    code = 'NOT_JSON';
  }
  const leak = LEAKS.exec(text.replace(/"(?:[^"\\]|\\.)*"/g, (s) => (s.length > 400 ? '""' : s)));
  if (response.status >= 500 || code || leak)
    return {
      status: response.status,
      ...(code ? { code } : {}),
      field: r.field,
      query: r.body.query.slice(0, 300),
      text: text.slice(0, 400),
    };
  return null;
}

async function run(requests: readonly FuzzRequest[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let i = next++; i < requests.length; i = next++) {
        const finding = await send(requests[i] as FuzzRequest, tokens[i % tokens.length] as string);
        if (finding) findings.push(finding);
      }
    }),
  );
  return findings;
}

describe(`fuzzing the gateway (seed ${SEED}, ${REQUESTS} requests)`, () => {
  it('answers every mangled query and mutation with a typed error or data, and refused mutations change no row', async () => {
    const started = Date.now();
    const queries = Array.from({ length: Math.ceil(REQUESTS / 2) }, () => request('query'));
    const mutations = Array.from({ length: Math.floor(REQUESTS / 2) }, () => request('mutation'));
    const queryFindings = await run(queries);
    const before = await rowCounts();
    const mutationFindings = await run(mutations);
    const after = await rowCounts();
    const findings = [...queryFindings, ...mutationFindings];
    console.log(
      `fuzz seed ${SEED}: ${queries.length} queries over ${new Set(queries.map((q) => q.field)).size} fields, ` +
        `${mutations.length} mutations over ${new Set(mutations.map((m) => m.field)).size} fields in ${Date.now() - started} ms; findings ${findings.length}`,
    );
    console.log(`answers: ${JSON.stringify(Object.fromEntries([...tally].sort((a, b) => b[1] - a[1])))}`);
    if (findings.length) console.log(JSON.stringify(findings.slice(0, 10), null, 1));
    expect(findings).toEqual([]);
    const changed = Object.keys(after)
      .filter((table) => after[table] !== before[table])
      .map((t) => `${t}: ${before[t]} → ${after[t]}`);
    expect(changed).toEqual([]);
  }, 180_000);
});
