import type { InProcessSystem } from '@rehab/ops';
import { CONTEXT_HEADER, signCallerContext, testCaller, noticePrivateKeyOf } from '@rehab/server-kit';
import { SUBGRAPH_NAMES } from '@rehab/shared-schema';
import { PERSON_360, personAt, population, startTestSystem } from './fixtures';

let system: InProcessSystem;
let hanoiPolice: string;

beforeAll(async () => {
  system = await startTestSystem();
  hanoiPolice = await system.login('congan.hanoi');
});

afterAll(async () => {
  await system.stop();
});

interface Person360 {
  personByIdentificationNumber: {
    id: string;
    fullName: string;
    identificationNumber: string;
    currentResidence: { unit: { code: string } };
    rehabEpisodes: { kind: string; status: string; admittedOn: string; facility: { code: string } | null }[];
    addictionDeterminations: { addicted: boolean; substanceClasses: string[] }[];
    substitutionTreatment: { phase: string; clinic: { code: string } } | null;
    supportAssignments: { reason: string; volunteer: { fullName: string } }[];
  } | null;
}

describe('Person-360 through the gateway', () => {
  it('returns fields from all four subgraphs for a seeded person', async () => {
    const supervisor = await system.login('giamsat.hanoi');
    // A person after compulsory rehab: police identity, labour episode, health determination, a volunteer.
    const person =
      population.find((p) => p.stage === 'POST_REHAB' && p.rehab?.kind === 'COMPULSORY' && p.determination?.addicted) ??
      personAt('POST_REHAB');
    const response = await system.graphql<Person360>(supervisor, PERSON_360, { number: person.identificationNumber });
    expect(response.errors).toBeUndefined();
    const found = response.data?.personByIdentificationNumber;
    expect(found).toMatchObject({ id: person.id, fullName: person.fullName, identificationNumber: person.identificationNumber });
    expect(found?.currentResidence.unit.code).toBe(person.currentResidence.unitCode);
    expect(found?.rehabEpisodes[0]).toMatchObject({
      kind: person.rehab?.kind,
      status: 'COMPLETED',
      admittedOn: person.rehab?.admittedOn,
    });
    expect(found?.addictionDeterminations[0]?.substanceClasses).toEqual(person.determination?.substanceClasses);
    expect(found?.substitutionTreatment).toBeNull();
    expect(Array.isArray(found?.supportAssignments)).toBe(true);
  });

  it("shows a substitution-treatment patient's clinic and phase to police", async () => {
    const patient = personAt('SUBSTITUTION');
    const response = await system.graphql<Person360>(
      hanoiPolice,
      `query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) { substitutionTreatment { phase clinic { code } } } }`,
      { n: patient.identificationNumber },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.personByIdentificationNumber?.substitutionTreatment).toEqual({
      phase: patient.substitution?.phase,
      clinic: { code: patient.substitution?.clinicCode },
    });
  });

  it('refuses a request without a valid access token', async () => {
    const anonymous = await system.graphql(null, '{ administrativeUnits { code } }');
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await system.graphql('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.invalid', '{ administrativeUnits { code } }');
    expect(forged.status).toBe(401);
  });

  it('refuses logins with a wrong password, bilingually', async () => {
    const response = await fetch(new URL('auth/login', system.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'congan.hanoi', password: 'wrong' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Tên đăng nhập hoặc mật khẩu không đúng',
      messageEn: 'Wrong username or password',
    });
  });

  it('revokes the session on logout', async () => {
    const token = await system.login('laodong.hanoi');
    expect((await system.graphql(token, '{ administrativeUnits { code } }')).status).toBe(200);
    await fetch(new URL('auth/logout', system.url), { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await system.graphql(token, '{ administrativeUnits { code } }')).status).toBe(401);
  });
});

describe('trust between gateway and subgraphs', () => {
  const ENTITIES = {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id } } }',
    variables: { r: [{ __typename: 'Person', id: population[0]?.id }] },
  };

  async function direct(url: string, headers: Record<string, string>, body: object = ENTITIES) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] },
    };
  }

  it.each(SUBGRAPH_NAMES)('%s refuses unsigned, forged and expired contexts, _entities and _service included', async (name) => {
    const url = system.subgraphs.get(name)?.url as string;
    const caller = testCaller('supervisor');
    const unsigned = await direct(url, {});
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.data).toBeUndefined();
    const service = await direct(url, {}, { query: '{ _service { sdl } }' });
    expect(service.status).toBe(401);
    // Signed with another Ed25519 key (e.g. a subgraph's own notice key): not the gateway's.
    const forged = await direct(url, {
      [CONTEXT_HEADER]: await signCallerContext(caller, name, noticePrivateKeyOf(system.trust, name), ENTITIES),
    });
    expect(forged.status).toBe(401);
    const otherAudience = await direct(
      url,
      await system.signedHeaders(caller, name === 'police' ? 'health' : 'police', ENTITIES),
    );
    expect(otherAudience.status).toBe(401);
    const expired = await direct(url, await system.signedHeaders(caller, name, ENTITIES, -10));
    expect(expired.status).toBe(401);
    const valid = await direct(url, await system.signedHeaders(caller, name, ENTITIES));
    expect(valid.status).toBe(200);
    expect(valid.body.errors).toBeUndefined();
  });

  it('reads a large body only when the gateway signed it (query plans carry long representations)', async () => {
    const url = system.subgraphs.get('police')?.url as string;
    // About 3 MB of representations, as an indicator over 100,000 persons makes.
    const many = {
      ...ENTITIES,
      variables: { r: Array.from({ length: 40_000 }, () => ({ __typename: 'Person', id: population[0]?.id })) },
    };
    const signed = await direct(url, await system.signedHeaders(testCaller('supervisor'), 'police', many), many);
    expect(signed.status).toBe(200);
    expect((signed.body.data as { _entities: unknown[] })._entities).toHaveLength(40_000);
    for (const headers of [{}, { [CONTEXT_HEADER]: 'forged' }] as Record<string, string>[]) {
      const refused = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(many),
      });
      expect(refused.status).toBe(413);
      const text = await refused.text();
      expect(JSON.parse(text)).toEqual({
        errors: [
          {
            message: 'Yêu cầu quá lớn',
            extensions: {
              code: 'PAYLOAD_TOO_LARGE',
              i18n: { vi: 'Yêu cầu quá lớn', en: 'The request is too large' },
              // The subgraph's own request id (an unsigned caller's is never taken).
              requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
            },
          },
        ],
      });
      expect(text).not.toMatch(/at |node_modules|stack/);
    }
    const garbled = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).not.toMatch(/at |node_modules|SyntaxError/);
  });
});

describe('a subgraph down', () => {
  it("answers the other agencies' fields and names the missing agency without internal details", async () => {
    const person = personAt('SUBSTITUTION');
    await system.stopSubgraph('health');
    try {
      const response = await system.graphql<Person360>(hanoiPolice, PERSON_360, { number: person.identificationNumber });
      expect(response.data?.personByIdentificationNumber?.fullName).toBe(person.fullName);
      const healthError = response.errors?.find((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE');
      expect(healthError?.message).toBe('Dữ liệu Y tế tạm thời không khả dụng');
      expect(healthError?.extensions?.subgraph).toBe('health');
      const text = JSON.stringify(response);
      expect(text).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|stack|\/graphql/);
    } finally {
      await system.startSubgraph('health');
    }
    const after = await system.graphql<Person360>(hanoiPolice, PERSON_360, { number: person.identificationNumber });
    expect(after.errors).toBeUndefined();
  });
});
