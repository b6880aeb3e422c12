import { generateDemoPopulation } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import { COMMUNE, FACILITY, LABOUR, M, STAFF, admitted, approved, fails, ok, runAs, type Row } from './legal-path-support';

/** dossiersAwaitingAdmission and abscondedResidents: the facility's worklists used by the officers' portal. */
let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});
afterAll(async () => {
  await h.close();
});

const QUERY =
  'query($f: ID!) { dossiersAwaitingAdmission(facilityCode: $f) { id status subjectFullName decision { facility { code } } } }';

async function ids(actor: typeof STAFF, facility = FACILITY): Promise<string[]> {
  return ((await ok(h, actor, QUERY, { f: facility })) as unknown as Row[]).map((r) => r.id as string);
}

describe('dossiers awaiting admission', () => {
  it('lists an approved dossier for the facility the court named until the facility admits the person', async () => {
    const d = await approved(h, 12, '2025-03-20');
    expect(await ids(STAFF)).toContain(d.id);
    // The district labour office that checked the dossier sees it too.
    expect(await ids(LABOUR)).toContain(d.id);
    // Staff of another facility do not.
    expect(await ids({ role: 'facility_staff', unit: 'CSCN2' }, FACILITY)).not.toContain(d.id);
    await ok(h, STAFF, M.admit, { id: d.id, v: d.version, f: FACILITY, on: '2025-04-01' });
    expect(await ids(STAFF)).not.toContain(d.id);
  });

  it('is refused to roles outside the legal path and names a bad facility code', async () => {
    const denied = await runAs(h, { role: 'volunteer', unit: COMMUNE }, QUERY, { f: FACILITY });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(denied.data ?? null).toBeNull();
    const health = await runAs(h, { role: 'health_worker', unit: 'MMT001' }, QUERY, { f: FACILITY });
    expect(health.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await fails(h, STAFF, QUERY, { f: '00101' });
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'facilityCode' });
  });
});

describe('absconded residents', () => {
  const ABSCONDED = 'query($f: ID!) { abscondedResidents(facilityCode: $f) { id status absconding { since } } }';
  const list = async (actor: typeof STAFF) =>
    ((await ok(h, actor, ABSCONDED, { f: FACILITY })) as unknown as Row[]).map((r) => r.id);

  it('lists a resident who escaped until the return is recorded, for the facility only', async () => {
    const e = await admitted(h, '2025-04-01');
    expect(await list(STAFF)).not.toContain(e.id);
    const escaped = await ok(h, STAFF, M.escape, { id: e.id, v: e.version, on: '2025-05-02' });
    expect(await list(STAFF)).toContain(e.id);
    expect(await list({ role: 'facility_staff', unit: 'CSCN2' })).not.toContain(e.id);
    await ok(h, STAFF, M.returned, { id: e.id, v: escaped.version, on: '2025-05-09' });
    expect(await list(STAFF)).not.toContain(e.id);
  });

  it('is refused to a volunteer', async () => {
    const denied = await runAs(h, { role: 'volunteer', unit: COMMUNE }, ABSCONDED, { f: FACILITY });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
