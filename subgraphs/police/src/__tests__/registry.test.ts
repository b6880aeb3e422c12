import { generateDemoPopulation } from '@rehab/shared-schema';
import {
  COMMUNE,
  OTHER_COMMUNE,
  REGISTER,
  dataOf,
  errorOf,
  freshNumber,
  openHarness,
  personInput,
  register,
  type Harness,
  type RegisteredPerson,
} from './harness';
import { CANNOT_REGISTER_HERE } from '../mutations/registry';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 120 }));
});

afterAll(async () => {
  await h.close();
});

describe('registerPerson', () => {
  it('registers a person for police and commune officials of the commune, audited', async () => {
    const input = personInput({ fullName: 'Trần Thị Đăng Ký', sex: 'FEMALE', dateOfBirth: '2001-03-04' });
    const result = await h.run(REGISTER, { input }, 'commune_official', COMMUNE);
    const person = dataOf<{ registerPerson: RegisteredPerson & { recordStatus: string } }>(result).registerPerson;
    expect(person).toMatchObject({
      identificationNumber: input.identificationNumber,
      fullName: 'Trần Thị Đăng Ký',
      version: 1,
      recordStatus: 'ACTIVE',
    });
    const audit = await h.database.db.query(
      `SELECT action, entity_type, role FROM audit_log WHERE person_id = $1 AND action = 'CHANGE'`,
      [person.id],
    );
    expect(audit).toEqual([{ action: 'CHANGE', entity_type: 'Person', role: 'commune_official' }]);
    const byPolice = await register(h, { fullName: 'Lê Văn Công An' });
    expect(byPolice.fullName).toBe('Lê Văn Công An');
  });

  it('refuses roles that do not keep the registry', async () => {
    for (const role of [
      'labour_officer',
      'health_worker',
      'volunteer',
      'analyst',
      'facility_staff',
      'court_clerk',
      'supervisor',
    ] as const) {
      const result = await h.run(REGISTER, { input: personInput() }, role, '01');
      expect([role, errorOf(result).code]).toEqual([role, 'FORBIDDEN']);
    }
  });

  it("refuses a residence outside the caller's unit, changing nothing", async () => {
    const before = await h.snapshot();
    const result = await h.run(REGISTER, { input: personInput({}, OTHER_COMMUNE) }, 'police_officer', COMMUNE);
    expect(errorOf(result)).toMatchObject({ code: 'FORBIDDEN', field: 'currentResidence.unitCode' });
    expect(await h.snapshot()).toBe(before);
  });

  it('explains each identification-number problem on the identificationNumber field', async () => {
    const cases: [string, string][] = [
      ['003090123456', 'Ba chữ số đầu 003 không phải mã tỉnh, thành phố nơi đăng ký khai sinh'],
      ['001190123456', 'Chữ số thứ tư (1) không khớp thế kỷ sinh và giới tính: người nam sinh năm 1990 phải có chữ số 0'],
      ['001088123456', 'Chữ số thứ năm và thứ sáu (88) không khớp năm sinh 1990: phải là 90'],
    ];
    const before = await h.snapshot();
    for (const [number, message] of cases) {
      const result = await h.run(
        REGISTER,
        { input: personInput({ identificationNumber: number, dateOfBirth: '1990-05-17' }) },
        'police_officer',
        COMMUNE,
      );
      const error = errorOf(result);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identificationNumber' });
      expect(error.vi).toBe(`Số định danh cá nhân ${number} không hợp lệ: ${message}`);
      expect(error.en).toMatch(/^The identification number \d{12} is invalid: /);
    }
    const all = await h.run(
      REGISTER,
      { input: personInput({ identificationNumber: '003188123456', dateOfBirth: '1990-05-17' }) },
      'police_officer',
      COMMUNE,
    );
    expect(errorOf(all).vi.split('; ')).toHaveLength(3);
    const format = await h.run(REGISTER, { input: personInput({ identificationNumber: '12345' }) }, 'police_officer', COMMUNE);
    expect(errorOf(format)).toMatchObject({ code: 'BAD_USER_INPUT', vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số' });
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses other bad input with the field at fault', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ fullName: ' ' }, 'fullName'],
      [{ ethnicity: '' }, 'ethnicity'],
      [{ currentResidence: { unitCode: '001', addressLine: 'x' } }, 'currentResidence.unitCode'],
      [{ permanentResidence: { unitCode: 'ZZZ', addressLine: 'x' } }, 'permanentResidence.unitCode'],
      [{ permanentResidence: { unitCode: COMMUNE, addressLine: '' } }, 'permanentResidence.addressLine'],
      [{ dateOfBirth: '2999-01-01', identificationNumber: '001399000001' }, 'dateOfBirth'],
    ];
    for (const [overrides, field] of cases) {
      const result = await h.run(REGISTER, { input: personInput(overrides) }, 'police_officer', COMMUNE);
      expect([field, errorOf(result).code, errorOf(result).field]).toEqual([field, 'BAD_USER_INPUT', field]);
    }
  });

  it("keeps numbers unique, naming the holder only within the caller's unit", async () => {
    const holder = await register(h, { fullName: 'Phạm Văn Trùng' });
    const before = await h.snapshot();
    const inScope = await h.run(
      REGISTER,
      { input: personInput({ identificationNumber: holder.identificationNumber, fullName: 'Khác' }) },
      'police_officer',
      COMMUNE,
    );
    expect(errorOf(inScope)).toMatchObject({ code: 'CONFLICT', field: 'identificationNumber' });
    expect(errorOf(inScope).vi).toBe(
      `Số định danh cá nhân ${holder.identificationNumber} đã thuộc hồ sơ của Phạm Văn Trùng (sinh ngày 1990-05-17, mã hồ sơ ${holder.id})`,
    );
    const elsewhere = await h.run(
      REGISTER,
      {
        input: personInput({ identificationNumber: holder.identificationNumber }, OTHER_COMMUNE),
      },
      'police_officer',
      OTHER_COMMUNE,
    );
    const error = errorOf(elsewhere);
    // The generic answer: nothing about where, or whether, the number is held.
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'identificationNumber', ...CANNOT_REGISTER_HERE });
    expect(await h.snapshot()).toBe(before);
    // Both refusals are audited with their reason (no person named: the holder's access log is not the caller's to fill).
    const refused = await h.database.db.query<
      { unit_code: string; person_id: string | null; entity_type: string; purpose: string }[]
    >(`SELECT unit_code, person_id, entity_type, purpose FROM audit_log WHERE action = 'REFUSED' ORDER BY id DESC LIMIT 2`);
    expect(refused.map((r) => [r.unit_code, r.person_id, r.entity_type, r.purpose.split(' | ')[0]])).toEqual([
      [OTHER_COMMUNE, null, 'PersonRegistration', `registerPerson refused: NUMBER_HELD_OUTSIDE_UNIT holder ${holder.id}`],
      [COMMUNE, null, 'PersonRegistration', `registerPerson refused: NUMBER_HELD_IN_UNIT holder ${holder.id}`],
    ]);
  });
});

const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdatePersonInput!) { updatePerson(id: $id, expectedVersion: $v, input: $input) {
  id fullName dateOfBirth identificationNumber version currentResidence { addressLine } } }`;

describe('updatePerson', () => {
  it('updates the fields given, bumps the version, and audits the changed fields', async () => {
    const p = await register(h);
    const result = await h.run(
      UPDATE,
      { id: p.id, v: 1, input: { fullName: 'Nguyễn Văn Đổi', currentAddressLine: 'Số 9 phố Mới' } },
      'commune_official',
      COMMUNE,
    );
    expect(dataOf<{ updatePerson: unknown }>(result).updatePerson).toMatchObject({
      fullName: 'Nguyễn Văn Đổi',
      version: 2,
      currentResidence: { addressLine: 'Số 9 phố Mới' },
      identificationNumber: p.identificationNumber,
    });
    const [row] = await h.database.db.query<[{ fields: string[] }]>(
      `SELECT fields FROM audit_log WHERE person_id = $1 AND action = 'CHANGE' ORDER BY id DESC LIMIT 1`,
      [p.id],
    );
    expect(row.fields).toEqual(['currentResidence', 'fullName']);
    const search = await h.run(
      `query($n: String) { persons(name: $n) { nodes { id } } }`,
      { n: 'nguyen van doi' },
      'police_officer',
      COMMUNE,
    );
    expect(dataOf<{ persons: { nodes: { id: string }[] } }>(search).persons.nodes.map((n) => n.id)).toContain(p.id);
  });

  it('refuses a stale version with a CONFLICT, changing nothing', async () => {
    const p = await register(h);
    dataOf(await h.run(UPDATE, { id: p.id, v: 1, input: { fullName: 'Một' } }, 'police_officer', COMMUNE));
    const before = await h.snapshot();
    const stale = await h.run(UPDATE, { id: p.id, v: 1, input: { fullName: 'Hai' } }, 'police_officer', COMMUNE);
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    expect(errorOf(stale).vi).toContain('phiên bản 2');
    expect(await h.snapshot()).toBe(before);
  });

  it("refuses records outside the caller's unit, other roles and bad input", async () => {
    const p = await register(h);
    expect(errorOf(await h.run(UPDATE, { id: p.id, v: 1, input: { fullName: 'X' } }, 'police_officer', OTHER_COMMUNE)).code).toBe(
      'NOT_FOUND',
    );
    expect(errorOf(await h.run(UPDATE, { id: p.id, v: 1, input: { fullName: 'X' } }, 'labour_officer', '01')).code).toBe(
      'FORBIDDEN',
    );
    expect(errorOf(await h.run(UPDATE, { id: 'not-a-uuid', v: 1, input: {} }, 'police_officer', COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    // A new date of birth inconsistent with the number.
    const dob = await h.run(UPDATE, { id: p.id, v: 1, input: { dateOfBirth: '1991-05-17' } }, 'police_officer', COMMUNE);
    expect(errorOf(dob)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identificationNumber' });
    const sex = await h.run(UPDATE, { id: p.id, v: 1, input: { sex: 'FEMALE' } }, 'police_officer', COMMUNE);
    expect(errorOf(sex).vi).toContain('Chữ số thứ tư');
    // Consistent together: a corrected number with the corrected date of birth.
    const fixed = await h.run(
      UPDATE,
      { id: p.id, v: 1, input: { dateOfBirth: '1991-05-17', identificationNumber: freshNumber('1991-05-17', 'MALE') } },
      'police_officer',
      COMMUNE,
    );
    expect(dataOf<{ updatePerson: { dateOfBirth: string; version: number } }>(fixed).updatePerson).toMatchObject({
      dateOfBirth: '1991-05-17',
      version: 2,
    });
  });

  it('refuses a number another record holds', async () => {
    const a = await register(h);
    const b = await register(h);
    const result = await h.run(
      UPDATE,
      { id: b.id, v: 1, input: { identificationNumber: a.identificationNumber } },
      'police_officer',
      COMMUNE,
    );
    expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', field: 'identificationNumber' });
  });
});

const SEARCH = `query($n: IdentificationNumber, $name: String, $merged: Boolean) {
  persons(identificationNumber: $n, name: $name, includeMerged: $merged, first: 50) { totalCount totalCountExact nodes { id recordStatus } } }`;
interface Search {
  persons: { totalCount: number; totalCountExact: boolean; nodes: { id: string; recordStatus: string }[] };
}

describe('search', () => {
  it("finds by exact identification number, within the caller's unit", async () => {
    const p = await register(h);
    const found = dataOf<Search>(await h.run(SEARCH, { n: p.identificationNumber }, 'police_officer', COMMUNE)).persons;
    expect(found).toEqual({ totalCount: 1, totalCountExact: true, nodes: [{ id: p.id, recordStatus: 'ACTIVE' }] });
    const outside = dataOf<Search>(await h.run(SEARCH, { n: p.identificationNumber }, 'police_officer', OTHER_COMMUNE)).persons;
    expect(outside.totalCount).toBe(0);
    const partial = dataOf<Search>(
      await h.run(SEARCH, { n: `${p.identificationNumber.slice(0, 11)}9` }, 'police_officer', COMMUNE),
    ).persons;
    expect(partial.nodes.map((n) => n.id)).not.toContain(p.id);
  });
});

const PAGE = `query($name: String!, $first: Int, $after: String) {
  persons(name: $name, first: $first, after: $after) { totalCount totalCountExact pageInfo { endCursor hasNextPage } nodes { id fullName } } }`;
interface Page {
  persons: {
    totalCount: number;
    totalCountExact: boolean;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: { id: string; fullName: string }[];
  };
}

describe('search by name', () => {
  const page = async (name: string, first: number, after?: string | null) =>
    dataOf<Page>(await h.run(PAGE, { name, first, after: after ?? null }, 'police_officer', COMMUNE)).persons;

  it('lists names that start with what was typed first, then names that contain it, paging across both', async () => {
    const names = ['Quách Zeta Tìm', 'Quách Alpha Tìm', 'Đinh Quách Beta', 'Lý Quách', 'Quách Văn Tìm'];
    for (const fullName of names) await register(h, { fullName });
    const all = await page('quach', 50);
    expect(all.nodes.map((n) => n.fullName)).toEqual([
      'Quách Alpha Tìm',
      'Quách Văn Tìm',
      'Quách Zeta Tìm',
      'Đinh Quách Beta',
      'Lý Quách',
    ]);
    expect(all).toMatchObject({ totalCount: 5, totalCountExact: true, pageInfo: { hasNextPage: false } });
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const next = await page('quach', 2, after);
      seen.push(...next.nodes.map((n) => n.fullName));
      expect(next.totalCount).toBe(5);
      after = next.pageInfo.endCursor;
      if (!next.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(all.nodes.map((n) => n.fullName));
  });

  it('treats % and _ as the letters typed, and refuses a cursor it did not make', async () => {
    await register(h, { fullName: 'Phan Văn Mẫu' });
    expect((await page('phan%mau', 20)).totalCount).toBe(0);
    expect((await page('ph_n van mau', 20)).totalCount).toBe(0);
    expect((await page('phan van mau', 20)).totalCount).toBe(1);
    expect(errorOf(await h.run(PAGE, { name: 'phan', after: 'bm90LWEtY3Vyc29y' }, 'police_officer', COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});

const DUPLICATES = `query($unit: ID, $first: Int, $after: String) { potentialDuplicates(unitCode: $unit, first: $first, after: $after) {
  totalCount pageInfo { endCursor hasNextPage } nodes { unit { code } persons { id identificationNumber fullName dateOfBirth } } } }`;
interface Duplicates {
  potentialDuplicates: {
    totalCount: number;
    pageInfo: { endCursor: string; hasNextPage: boolean };
    nodes: { unit: { code: string }; persons: { id: string; fullName: string }[] }[];
  };
}

describe('potentialDuplicates', () => {
  it('groups active records with the same folded name, date of birth and commune', async () => {
    const a = await register(h, { fullName: 'Đỗ Văn Trùng Lặp', dateOfBirth: '1985-02-03' }, '00025');
    const b = await register(h, { fullName: 'đỗ văn trùng lặp', dateOfBirth: '1985-02-03' }, '00025');
    await register(h, { fullName: 'Đỗ Văn Trùng Lặp', dateOfBirth: '1985-02-04' }, '00025');
    await register(h, { fullName: 'Đỗ Văn Trùng Lặp', dateOfBirth: '1985-02-03' }, '00070');
    const c = await register(h, { fullName: 'Vũ Thị Hai Lần', sex: 'FEMALE', dateOfBirth: '1979-12-01' }, '00025');
    const d = await register(h, { fullName: 'Vu Thi Hai Lan', sex: 'FEMALE', dateOfBirth: '1979-12-01' }, '00025');
    const all = dataOf<Duplicates>(await h.run(DUPLICATES, { unit: '00025' }, 'police_officer', '01')).potentialDuplicates;
    expect(all.totalCount).toBe(2);
    expect(all.nodes.map((g) => g.persons.map((p) => p.id).sort())).toEqual([[a.id, b.id].sort(), [c.id, d.id].sort()]);
    expect(all.nodes.every((g) => g.unit.code === '00025')).toBe(true);
    const page1 = dataOf<Duplicates>(
      await h.run(DUPLICATES, { unit: '00025', first: 1 }, 'police_officer', '01'),
    ).potentialDuplicates;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = dataOf<Duplicates>(
      await h.run(DUPLICATES, { unit: '00025', first: 1, after: page1.pageInfo.endCursor }, 'police_officer', '01'),
    ).potentialDuplicates;
    expect([...page1.nodes, ...page2.nodes]).toEqual(all.nodes);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    // Another district's police see none of them; a bad cursor is a typed error.
    expect(
      dataOf<Duplicates>(await h.run(DUPLICATES, {}, 'police_officer', '15')).potentialDuplicates.nodes.some((g) =>
        g.persons.some((p) => p.id === a.id),
      ),
    ).toBe(false);
    expect(errorOf(await h.run(DUPLICATES, { after: 'bogus' }, 'police_officer', '01'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(errorOf(await h.run(DUPLICATES, {}, 'labour_officer', '01')).code).toBe('FORBIDDEN');
  });
});

const MERGE = `mutation($s: ID!, $d: ID!, $r: String!, $sv: Int, $dv: Int) {
  mergePersons(survivorId: $s, duplicateId: $d, reason: $r, survivorVersion: $sv, duplicateVersion: $dv) {
    id recordStatus version mergedRecords { id recordStatus mergedInto { id } } } }`;
const DETECT = `mutation($p: ID!) { recordDrugUseDetection(personId: $p, input: {
  detectedOn: "2026-08-01", method: CAUGHT_USING, substances: [STIMULANTS] }) { id status person { id } } }`;

describe('mergePersons', () => {
  async function pair(): Promise<[RegisteredPerson, RegisteredPerson]> {
    const survivor = await register(h, { fullName: 'Hoàng Văn Gộp', dateOfBirth: '1988-08-08' });
    const duplicate = await register(h, { fullName: 'Hoàng Văn Gộp', dateOfBirth: '1988-08-08' });
    return [survivor, duplicate];
  }

  it('keeps both records: the duplicate is MERGED into the survivor, found by its id and number, audited and notified', async () => {
    const [s, d] = await pair();
    // The duplicate's open case moves to the survivor.
    const opened = dataOf<{ recordDrugUseDetection: { id: string } }>(
      await h.run(DETECT, { p: d.id }, 'police_officer', COMMUNE),
    ).recordDrugUseDetection;
    const result = await h.run(
      MERGE,
      { s: s.id, d: d.id, r: 'Trùng hồ sơ do đăng ký hai lần', sv: 1, dv: 1 },
      'police_officer',
      '01',
    );
    const survivor = dataOf<{ mergePersons: { id: string; version: number; mergedRecords: unknown[] } }>(result).mergePersons;
    expect(survivor).toEqual({
      id: s.id,
      recordStatus: 'ACTIVE',
      version: 2,
      mergedRecords: [{ id: d.id, recordStatus: 'MERGED', mergedInto: { id: s.id } }],
    });
    const byNumber = await h.run(
      `query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) { id recordStatus mergedInto { id } drugUserManagements { id } } }`,
      { n: d.identificationNumber },
      'police_officer',
      COMMUNE,
    );
    expect(dataOf<{ personByIdentificationNumber: unknown }>(byNumber).personByIdentificationNumber).toEqual({
      id: d.id,
      recordStatus: 'MERGED',
      mergedInto: { id: s.id },
      drugUserManagements: [],
    });
    const moved = await h.run(
      `query($id: ID!) { person(id: $id) { drugUserManagements { id } } }`,
      { id: s.id },
      'police_officer',
      COMMUNE,
    );
    expect(
      dataOf<{ person: { drugUserManagements: { id: string }[] } }>(moved).person.drugUserManagements.map((m) => m.id),
    ).toEqual([opened.id]);
    const hidden = dataOf<Search>(await h.run(SEARCH, { n: d.identificationNumber }, 'police_officer', COMMUNE)).persons;
    expect(hidden.totalCount).toBe(0);
    expect(
      dataOf<Search>(await h.run(SEARCH, { n: d.identificationNumber, merged: true }, 'police_officer', COMMUNE)).persons
        .totalCount,
    ).toBe(1);
    const outbox = await h.database.db.query(`SELECT destination, payload FROM outbox_notice WHERE topic = 'person.merged'`);
    expect(outbox).toContainEqual({ destination: 'labor-welfare', payload: { survivorId: s.id, duplicateId: d.id } });
    const audit = await h.database.db.query<unknown[]>(
      `SELECT person_id, entity_type, fields FROM audit_log WHERE action = 'CHANGE' AND request_id = (
      SELECT request_id FROM audit_log WHERE person_id = $1 AND 'mergedInto' = ANY(fields))`,
      [d.id],
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { person_id: d.id, entity_type: 'Person', fields: ['mergedInto', 'recordStatus'] },
        { person_id: s.id, entity_type: 'Person', fields: ['mergedRecords'] },
        { person_id: s.id, entity_type: 'DrugUserManagement', fields: ['person'] },
      ]),
    );
  });

  it('is for district police or above and supervisors, within their unit', async () => {
    const [s, d] = await pair();
    const before = await h.snapshot();
    expect(errorOf(await h.run(MERGE, { s: s.id, d: d.id, r: 'x' }, 'police_officer', COMMUNE)).code).toBe('FORBIDDEN');
    expect(errorOf(await h.run(MERGE, { s: s.id, d: d.id, r: 'x' }, 'commune_official', '01')).code).toBe('FORBIDDEN');
    expect(errorOf(await h.run(MERGE, { s: s.id, d: d.id, r: 'x' }, 'police_officer', '15')).code).toBe('NOT_FOUND');
    expect(errorOf(await h.run(MERGE, { s: s.id, d: s.id, r: 'x' }, 'police_officer', '01'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'duplicateId',
    });
    expect(errorOf(await h.run(MERGE, { s: s.id, d: d.id, r: '  ' }, 'police_officer', '01'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    expect(errorOf(await h.run(MERGE, { s: s.id, d: d.id, r: 'x', dv: 7 }, 'police_officer', '01')).code).toBe('CONFLICT');
    expect(await h.snapshot()).toBe(before);
    expect(
      dataOf<{ mergePersons: { id: string } }>(await h.run(MERGE, { s: s.id, d: d.id, r: 'Trùng' }, 'supervisor', '01'))
        .mergePersons.id,
    ).toBe(s.id);
  });

  it('refuses illegal merges and any action on a merged record, changing nothing', async () => {
    const [s, d] = await pair();
    dataOf(await h.run(MERGE, { s: s.id, d: d.id, r: 'Trùng' }, 'police_officer', '01'));
    const before = await h.snapshot();
    const again = await h.run(MERGE, { s: s.id, d: d.id, r: 'Trùng' }, 'police_officer', '01');
    expect(errorOf(again).code).toBe('ILLEGAL_TRANSITION');
    expect(errorOf(again).vi).toContain('đã hợp nhất vào hồ sơ khác');
    expect(errorOf(await h.run(MERGE, { s: d.id, d: s.id, r: 'Trùng' }, 'police_officer', '01')).code).toBe('ILLEGAL_TRANSITION');
    const edit = await h.run(UPDATE, { id: d.id, v: 2, input: { fullName: 'X' } }, 'police_officer', COMMUNE);
    expect(errorOf(edit).code).toBe('ILLEGAL_TRANSITION');
    const detect = await h.run(DETECT, { p: d.id }, 'police_officer', COMMUNE);
    expect(errorOf(detect).code).toBe('ILLEGAL_TRANSITION');
    expect(errorOf(detect).vi).toContain(s.id);
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses merging two records that both have an open management case', async () => {
    const [s, d] = await pair();
    dataOf(await h.run(DETECT, { p: s.id }, 'police_officer', COMMUNE));
    dataOf(await h.run(DETECT, { p: d.id }, 'police_officer', COMMUNE));
    const before = await h.snapshot();
    const result = await h.run(MERGE, { s: s.id, d: d.id, r: 'Trùng' }, 'police_officer', '01');
    expect(errorOf(result).code).toBe('ILLEGAL_TRANSITION');
    expect(errorOf(result).en).toBe('Both records have an open drug-user management case; end one of them before merging');
    expect(await h.snapshot()).toBe(before);
  });
});
