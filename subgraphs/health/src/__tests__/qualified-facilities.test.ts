import { ROLES, units } from '@rehab/shared-schema';
import { openHealthHarness, type HealthHarness } from './harness';

/** The facilities qualified to determine addiction, listed per province for requesters. */
let h: HealthHarness;

beforeAll(async () => {
  h = await openHealthHarness({ persons: 10, physician: true });
});
afterAll(async () => {
  await h.close();
});

const LIST = `query($p: ID!) { qualifiedDeterminationFacilities(provinceCode: $p) { code name qualifiedOn certifiedPhysicians } }`;

interface Facility {
  code: string;
  name: string;
  qualifiedOn: string;
  certifiedPhysicians: number;
}

async function list(provinceCode: string): Promise<Facility[]> {
  const result = await h.run(LIST, { p: provinceCode }, 'police_officer', '00004');
  expect(result.errors).toBeUndefined();
  return (result.data?.qualifiedDeterminationFacilities ?? []) as Facility[];
}

describe('qualifiedDeterminationFacilities', () => {
  it("lists a province's qualified facilities by name with their certified physicians, and none of another province", async () => {
    const rows = await h.database.db.query<{ code: string; n: number }[]>(
      `SELECT q.code, count(p.username)::int AS n FROM qualified_facility q
      LEFT JOIN certified_physician p ON p.facility_code = q.code GROUP BY q.code`,
    );
    const provinceOf = (code: string) => units().provinceToday(units().current(code)?.path ?? '')?.code;
    for (const province of ['01', '15']) {
      const listed = await list(province);
      const expected = rows.filter((r) => provinceOf(r.code) === province);
      expect(listed.map((f) => f.code).sort()).toEqual(expected.map((r) => r.code).sort());
      expect(listed.length).toBeGreaterThan(0);
      for (const f of listed) expect(f.certifiedPhysicians).toBe(expected.find((r) => r.code === f.code)?.n);
      const names = listed.map((f) => f.name);
      expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    }
    // Vietnamese order: "Đ" after "D" and before "E".
    const hanoi = (await list('01')).map((f) => f.name);
    expect(hanoi.indexOf('Cơ sở điều trị Methadone Đống Đa')).toBeGreaterThan(
      hanoi.indexOf('Cơ sở điều trị Methadone Chương Mỹ'),
    );
    expect(hanoi.indexOf('Cơ sở điều trị Methadone Đông Anh')).toBeLessThan(hanoi.indexOf('Cơ sở điều trị Methadone Gia Lâm'));
    // Ba Đình's clinic is on the city's list, not on Lào Cai's.
    expect((await list('01')).find((f) => f.code === 'MMT001')).toMatchObject({ qualifiedOn: '2021-12-31' });
    expect((await list('15')).some((f) => f.code === 'MMT001')).toBe(false);
  });

  it('refuses a code that is not a province', async () => {
    for (const code of ['00004', 'XX', 'MMT001']) {
      const result = await h.run(LIST, { p: code }, 'police_officer', '00004');
      expect([code, result.errors?.[0]?.extensions?.code, result.errors?.[0]?.extensions?.field]).toEqual([
        code,
        'BAD_USER_INPUT',
        'provinceCode',
      ]);
    }
  });

  it('is public administration: every role reads it', async () => {
    for (const role of ROLES) {
      const result = await h.run(LIST, { p: '01' }, role, role === 'facility_staff' ? 'CSCN1' : '01');
      expect([role, result.errors]).toEqual([role, undefined]);
    }
  });
});
