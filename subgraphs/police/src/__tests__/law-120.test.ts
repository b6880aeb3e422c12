import { addDays, generateDemoPopulation, todayInHanoi } from '@rehab/shared-schema';
import {
  COMMUNE,
  NEIGHBOUR_COMMUNE,
  OTHER_COMMUNE,
  dataOf,
  errorOf,
  openHarness,
  register,
  type Harness,
  type Result,
} from './harness';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 40 }));
});

afterAll(async () => {
  await h.close();
});

const police = (query: string, variables: Record<string, unknown>, unit = COMMUNE): Promise<Result> =>
  h.run(query, variables, 'police_officer', unit);

/** A person of `commune` under an ACTIVE drug-user management. */
async function managed(detectedOn = '2026-07-05', commune = COMMUNE): Promise<{ personId: string; managementId: string }> {
  const person = await register(h, {}, commune);
  const detect = `mutation($p: ID!, $on: Date!) { recordDrugUseDetection(personId: $p, input: { detectedOn: $on, method: CAUGHT_USING, substances: [OPIOIDS] }) { id } }`;
  const { id } = dataOf<{ recordDrugUseDetection: { id: string } }>(
    await police(detect, { p: person.id, on: detectedOn }, commune),
  ).recordDrugUseDetection;
  const decide = `mutation($id: ID!, $on: Date!) { decideDrugUserManagement(id: $id, expectedVersion: 1, decisionNumber: "QĐ-1", decisionDate: $on) { status } }`;
  dataOf(await h.run(decide, { id, on: detectedOn }, 'commune_official', commune));
  return { personId: person.id, managementId: id };
}

async function changes(personId: string, entity: string): Promise<number> {
  const rows = await h.database.db.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM audit_log WHERE person_id = $1 AND entity_type = $2 AND action = 'CHANGE'`,
    [personId, entity],
  );
  return rows[0]?.n ?? 0;
}

describe('substance declarations (khai báo chất ma túy và nguồn gốc)', () => {
  const DECLARE = `mutation($m: ID!, $input: SubstanceDeclarationInput!) {
    recordSubstanceDeclaration(managementId: $m, input: $input) { id declaredOn substances source recordedBy } }`;
  const READ = `query($p: ID!) { person(id: $p) { drugUserManagements { substanceDeclarations { declaredOn substances source } } } }`;
  const input = (over: Record<string, unknown> = {}) => ({
    declaredOn: '2026-07-20',
    substances: ['OPIOIDS', 'STIMULANTS'],
    source: 'Mua của người lạ ở chợ',
    ...over,
  });

  it('is recorded by commune police from 1 July 2026, read back by police of the unit, audited', async () => {
    const { personId, managementId } = await managed('2026-07-01');
    const made = dataOf<{ recordSubstanceDeclaration: unknown }>(
      await police(DECLARE, { m: managementId, input: input({ declaredOn: '2026-07-01' }) }),
    );
    expect(made).toMatchObject({
      recordSubstanceDeclaration: {
        declaredOn: '2026-07-01',
        substances: ['OPIOIDS', 'STIMULANTS'],
        recordedBy: 'test.police_officer',
      },
    });
    expect(await changes(personId, 'SubstanceDeclaration')).toBe(1);
    const read = dataOf<{ person: { drugUserManagements: unknown[] } }>(await police(READ, { p: personId }));
    expect(read.person.drugUserManagements).toEqual([
      {
        substanceDeclarations: [
          { declaredOn: '2026-07-01', substances: ['OPIOIDS', 'STIMULANTS'], source: 'Mua của người lạ ở chợ' },
        ],
      },
    ]);
    const audited = await h.database.db.query(
      `SELECT fields FROM audit_log WHERE person_id = $1 AND entity_type = 'DrugUserManagement' AND action = 'READ'`,
      [personId],
    );
    expect(audited).toContainEqual({ fields: ['substanceDeclarations'] });
    // Other roles cannot read it, even of their unit.
    for (const role of ['commune_official', 'labour_officer', 'health_worker'] as const) {
      expect(errorOf(await h.run(READ, { p: personId }, role, COMMUNE)).code).toBe('FORBIDDEN');
    }
  });

  it('refuses a date before the rule is in force, in the future or before the detection, and bad input, changing nothing', async () => {
    const { managementId } = await managed('2026-07-10');
    const before = await h.snapshot();
    const early = errorOf(await police(DECLARE, { m: managementId, input: input({ declaredOn: '2026-06-30' }) }));
    expect(early).toMatchObject({ code: 'BAD_USER_INPUT', field: 'declaredOn' });
    expect(early.vi).toContain('Ngày 30/06/2026 chưa có quy định SUBSTANCE_DECLARATION');
    expect(early.en).toContain('On 2026-06-30 no rule SUBSTANCE_DECLARATION was in force');
    expect(early.en).toContain('in force from 2026-07-01');
    for (const [over, field] of [
      [{ declaredOn: '2026-07-09' }, 'declaredOn'],
      [{ declaredOn: addDays(todayInHanoi(), 2) }, 'declaredOn'],
      [{ substances: [] }, 'substances'],
      [{ substances: ['OPIOIDS', 'OPIOIDS'] }, 'substances'],
      [{ source: '  ' }, 'source'],
      [{ source: 'x'.repeat(501) }, 'source'],
    ] as const) {
      expect([field, errorOf(await police(DECLARE, { m: managementId, input: input(over) }))]).toEqual([
        field,
        expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      ]);
    }
    expect(await h.snapshot()).toBe(before);
  });

  it("is for commune police of the person's commune only, under an ACTIVE management", async () => {
    const { managementId } = await managed();
    const before = await h.snapshot();
    expect(errorOf(await police(DECLARE, { m: managementId, input: input() }, OTHER_COMMUNE)).code).toBe('NOT_FOUND');
    expect(errorOf(await police(DECLARE, { m: managementId, input: input() }, NEIGHBOUR_COMMUNE)).code).toBe('NOT_FOUND');
    expect(errorOf(await police(DECLARE, { m: managementId, input: input() }, '01')).code).toBe('FORBIDDEN');
    for (const role of ['commune_official', 'labour_officer', 'health_worker', 'volunteer'] as const) {
      expect(errorOf(await h.run(DECLARE, { m: managementId, input: input() }, role, COMMUNE)).code).toBe('FORBIDDEN');
    }
    const person = await register(h);
    const detect = `mutation($p: ID!) { recordDrugUseDetection(personId: $p, input: { detectedOn: "2026-07-05", method: CAUGHT_USING, substances: [OPIOIDS] }) { id } }`;
    const pending = dataOf<{ recordDrugUseDetection: { id: string } }>(await police(detect, { p: person.id }))
      .recordDrugUseDetection.id;
    const mid = await h.snapshot();
    expect(errorOf(await police(DECLARE, { m: pending, input: input() })).code).toBe('ILLEGAL_TRANSITION');
    expect(await h.snapshot()).toBe(mid);
    expect(before).not.toBe(mid);
  });
});

describe('summonses (triệu tập)', () => {
  const SUMMON = `mutation($m: ID!, $input: SummonsInput!) { summonDrugUser(managementId: $m, input: $input) {
    id summonedOn appearOn reason outcome version person { id } } }`;
  const OUTCOME = `mutation($id: ID!, $v: Int!, $o: SummonsOutcome!, $note: String) {
    recordSummonsOutcome(id: $id, expectedVersion: $v, outcome: $o, note: $note) { id outcome outcomeNote outcomeRecordedBy version } }`;
  const WORKLIST = `query($asOf: Date) { summonsesAwaitingOutcome(asOf: $asOf, first: 200) { totalCount nodes { id appearOn } } }`;
  interface Summons {
    id: string;
    version: number;
  }
  const summon = async (m: string, input: Record<string, unknown>, unit = COMMUNE): Promise<Summons> =>
    dataOf<{ summonDrugUser: Summons }>(await police(SUMMON, { m, input }, unit)).summonDrugUser;
  const listed = async (unit: string, asOf?: string): Promise<string[]> =>
    dataOf<{ summonsesAwaitingOutcome: { nodes: { id: string }[] } }>(
      await police(WORKLIST, { asOf }, unit),
    ).summonsesAwaitingOutcome.nodes.map((n) => n.id);

  it("summons a managed person; past its date without an outcome it is on the unit's worklist until the outcome is recorded", async () => {
    const { personId, managementId } = await managed('2026-07-05', '00025');
    const s = await summon(
      managementId,
      { summonedOn: '2026-08-01', appearOn: '2026-08-05', reason: 'Làm rõ nguồn gốc ma túy' },
      '00025',
    );
    expect(await changes(personId, 'Summons')).toBe(1);
    expect(await listed('00025', '2026-08-05')).not.toContain(s.id);
    expect(await listed('00025', '2026-08-06')).toContain(s.id);
    expect(await listed('00025')).toContain(s.id);
    expect(await listed(COMMUNE)).not.toContain(s.id);
    expect(errorOf(await h.run(WORKLIST, {}, 'labour_officer', '01')).code).toBe('FORBIDDEN');
    expect(errorOf(await h.run(WORKLIST, {}, 'commune_official', '00025')).code).toBe('FORBIDDEN');
    expect(errorOf(await police(OUTCOME, { id: s.id, v: 1, o: 'DID_NOT_APPEAR' }, COMMUNE)).code).toBe('NOT_FOUND');
    expect(errorOf(await police(OUTCOME, { id: s.id, v: 2, o: 'DID_NOT_APPEAR' }, '00025')).code).toBe('CONFLICT');
    const done = dataOf<{ recordSummonsOutcome: unknown }>(
      await police(OUTCOME, { id: s.id, v: 1, o: 'DID_NOT_APPEAR', note: 'Vắng mặt không lý do' }, '00025'),
    );
    expect(done).toEqual({
      recordSummonsOutcome: {
        id: s.id,
        outcome: 'DID_NOT_APPEAR',
        outcomeNote: 'Vắng mặt không lý do',
        outcomeRecordedBy: 'test.police_officer',
        version: 2,
      },
    });
    expect(await listed('00025')).not.toContain(s.id);
    expect(errorOf(await police(OUTCOME, { id: s.id, v: 2, o: 'APPEARED' }, '00025')).code).toBe('ILLEGAL_TRANSITION');
    const read = `query($p: ID!) { person(id: $p) { drugUserManagements { summonses { id outcome } } } }`;
    expect(dataOf<{ person: unknown }>(await police(read, { p: personId }, '00025')).person).toEqual({
      drugUserManagements: [{ summonses: [{ id: s.id, outcome: 'DID_NOT_APPEAR' }] }],
    });
    expect(errorOf(await h.run(read, { p: personId }, 'commune_official', '00025')).code).toBe('FORBIDDEN');
  });

  it('refuses summonses dated before SUMMONS_APPEARANCE is in force, bad dates and early non-appearance, changing nothing', async () => {
    const { managementId } = await managed('2026-07-05');
    const soon = await summon(managementId, {
      summonedOn: todayInHanoi(),
      appearOn: addDays(todayInHanoi(), 3),
      reason: 'Trình diện',
    });
    const before = await h.snapshot();
    const early = errorOf(
      await police(SUMMON, { m: managementId, input: { summonedOn: '2026-06-30', appearOn: '2026-07-02', reason: 'x' } }),
    );
    expect(early).toMatchObject({ code: 'BAD_USER_INPUT', field: 'summonedOn' });
    expect(early.en).toContain('On 2026-06-30 no rule SUMMONS_APPEARANCE was in force');
    for (const [input, field] of [
      [{ summonedOn: '2026-07-04', appearOn: '2026-07-06', reason: 'x' }, 'summonedOn'],
      [{ summonedOn: '2026-08-01', appearOn: '2026-07-31', reason: 'x' }, 'appearOn'],
      [{ summonedOn: '2026-08-01', appearOn: '2026-09-01', reason: 'x' }, 'appearOn'],
      [{ summonedOn: '2026-08-01', appearOn: '2026-08-02', reason: ' ' }, 'reason'],
    ] as const) {
      expect([field, errorOf(await police(SUMMON, { m: managementId, input }))]).toEqual([
        field,
        expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      ]);
    }
    expect(errorOf(await police(OUTCOME, { id: soon.id, v: 1, o: 'DID_NOT_APPEAR' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'outcome',
    });
    expect(
      errorOf(
        await police(SUMMON, { m: managementId, input: { summonedOn: '2026-08-01', appearOn: '2026-08-02', reason: 'x' } }, '01'),
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      errorOf(
        await h.run(
          SUMMON,
          { m: managementId, input: { summonedOn: '2026-08-01', appearOn: '2026-08-02', reason: 'x' } },
          'health_worker',
          COMMUNE,
        ),
      ).code,
    ).toBe('FORBIDDEN');
    expect(await h.snapshot()).toBe(before);
  });
});

describe('moves under Law 120: deadlines from the move date, presentation at the new commune', () => {
  const FIELDS =
    'id sentAt dueAt handOverDueAt presentationDueAt recordedLate presentedAt presentationRecordedBy presentationStatus overdue version';
  const MOVE = `mutation($p: ID!, $on: Date!) { recordResidenceChange(personId: $p, expectedVersion: 1, toUnitCode: "${NEIGHBOUR_COMMUNE}", addressLine: "Số 9 ngõ Mới", movedOn: $on) { ${FIELDS} } }`;
  const PRESENT = `mutation($id: ID!, $v: Int!, $at: DateTime!) { recordMovePresentation(transferNoticeId: $id, expectedVersion: $v, presentedAt: $at) { ${FIELDS} } }`;
  interface Notice {
    id: string;
    dueAt: string | null;
    handOverDueAt: string | null;
    presentationDueAt: string | null;
    recordedLate: boolean;
    presentationStatus: string;
    overdue: boolean;
    presentedAt: string | null;
    version: number;
  }
  const move = async (on: string): Promise<Notice> =>
    dataOf<{ recordResidenceChange: Notice }>(await police(MOVE, { p: (await register(h)).id, on })).recordResidenceChange;

  it('flags a move recorded after the deadlines, which run from the move date; overdue at once', async () => {
    const late = await move('2026-08-01');
    expect(late).toMatchObject({
      dueAt: '2026-08-02T17:00:00.000Z',
      handOverDueAt: '2026-08-02T17:00:00.000Z',
      presentationDueAt: '2026-08-02T17:00:00.000Z',
      recordedLate: true,
      overdue: true,
      presentationStatus: 'MISSING',
      presentedAt: null,
    });
    const onTime = await move(todayInHanoi());
    expect(onTime).toMatchObject({ recordedLate: false, overdue: false, presentationStatus: 'AWAITING' });
    const before = await move('2026-06-30');
    expect(before).toMatchObject({
      dueAt: null,
      handOverDueAt: null,
      presentationDueAt: null,
      recordedLate: false,
      overdue: false,
      presentationStatus: 'NOT_REQUIRED',
    });
  });

  it('records the presentation once, by police of the receiving commune, not before the move; late or on time', async () => {
    const notice = await move('2026-08-01');
    const snapshot = await h.snapshot();
    expect(errorOf(await police(PRESENT, { id: notice.id, v: 1, at: '2026-08-02T03:00:00Z' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(errorOf(await police(PRESENT, { id: notice.id, v: 1, at: '2026-08-02T03:00:00Z' }, OTHER_COMMUNE)).code).toBe(
      'NOT_FOUND',
    );
    expect(
      errorOf(await h.run(PRESENT, { id: notice.id, v: 1, at: '2026-08-02T03:00:00Z' }, 'commune_official', NEIGHBOUR_COMMUNE))
        .code,
    ).toBe('FORBIDDEN');
    // 31 July 17:00 in Hà Nội: before the move day.
    expect(errorOf(await police(PRESENT, { id: notice.id, v: 1, at: '2026-07-31T10:00:00Z' }, NEIGHBOUR_COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'presentedAt',
    });
    expect(errorOf(await police(PRESENT, { id: notice.id, v: 1, at: '2999-01-01T00:00:00Z' }, NEIGHBOUR_COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'presentedAt',
    });
    expect(await h.snapshot()).toBe(snapshot);
    const done = dataOf<{ recordMovePresentation: Notice }>(
      await police(PRESENT, { id: notice.id, v: 1, at: '2026-08-02T03:00:00Z' }, NEIGHBOUR_COMMUNE),
    );
    expect(done.recordMovePresentation).toMatchObject({
      presentedAt: '2026-08-02T03:00:00.000Z',
      presentationStatus: 'ON_TIME',
      version: 2,
    });
    expect(errorOf(await police(PRESENT, { id: notice.id, v: 2, at: '2026-08-02T03:00:00Z' }, NEIGHBOUR_COMMUNE)).code).toBe(
      'ILLEGAL_TRANSITION',
    );
    const other = await move('2026-08-01');
    const late = dataOf<{ recordMovePresentation: Notice }>(
      await police(PRESENT, { id: other.id, v: 1, at: '2026-08-05T02:00:00Z' }, NEIGHBOUR_COMMUNE),
    );
    expect(late.recordMovePresentation.presentationStatus).toBe('LATE');
  });

  it('refuses a presentation for a move before MOVE_PRESENTATION_DEADLINE was in force', async () => {
    const notice = await move('2026-06-20');
    const error = errorOf(await police(PRESENT, { id: notice.id, v: 1, at: '2026-06-21T03:00:00Z' }, NEIGHBOUR_COMMUNE));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(error.en).toContain('On 2026-06-20 no rule MOVE_PRESENTATION_DEADLINE was in force');
  });
});

describe('electronic monitoring (giám sát điện tử)', () => {
  const ORDER_FIELDS =
    'id basis basisReference deviceId orderedOn startsOn endsOn status endedOn endReason version person { id }';
  const ORDER = `mutation($p: ID!, $input: ElectronicMonitoringOrderInput!) { orderElectronicMonitoring(personId: $p, input: $input) { ${ORDER_FIELDS} } }`;
  const END = `mutation($id: ID!, $v: Int!, $on: Date!, $r: String!) { endElectronicMonitoring(id: $id, expectedVersion: $v, endedOn: $on, reason: $r) { ${ORDER_FIELDS} } }`;
  const EVENT = `mutation($o: ID!, $input: DeviceEventInput!) { reportMonitoringDeviceEvent(orderId: $o, input: $input) {
    duplicate alert { id kind eventId occurredAt reportedBy acknowledgedAt version } } }`;
  const ACK = `mutation($id: ID!, $v: Int!) { acknowledgeMonitoringAlert(id: $id, expectedVersion: $v) { id acknowledgedAt acknowledgedBy version } }`;
  const ALERTS = `{ monitoringAlertsAwaitingAcknowledgement(first: 200) { totalCount nodes { id occurredAt person { id } } } }`;
  interface Order {
    id: string;
    version: number;
    status: string;
  }
  interface Receipt {
    duplicate: boolean;
    alert: { id: string; kind: string; version: number };
  }
  let device = 0;
  const input = (over: Record<string, unknown> = {}) => ({
    orderedOn: '2026-07-15',
    basis: 'POST_REHAB_MANAGEMENT',
    basisReference: 'QĐ quản lý sau cai nghiện 12/QĐ-UBND',
    deviceId: `VN-EM-${++device}`,
    startsOn: '2026-07-15',
    endsOn: '2027-07-14',
    ...over,
  });
  const order = async (personId: string, unit = COMMUNE, over: Record<string, unknown> = {}): Promise<Order> =>
    dataOf<{ orderElectronicMonitoring: Order }>(await police(ORDER, { p: personId, input: input(over) }, unit))
      .orderElectronicMonitoring;
  const report = (o: string, eventId: string, kind = 'TAMPER', occurredAt = '2026-08-01T10:00:00Z', unit = COMMUNE) =>
    police(EVENT, { o, input: { eventId, kind, occurredAt } }, unit);
  const alerts = async (unit: string): Promise<string[]> =>
    dataOf<{ monitoringAlertsAwaitingAcknowledgement: { nodes: { id: string }[] } }>(
      await police(ALERTS, {}, unit),
    ).monitoringAlertsAwaitingAcknowledgement.nodes.map((n) => n.id);

  it('is ordered by the head of commune police from 1 July 2026, with typed refusals', async () => {
    const p = await register(h);
    const before = await h.snapshot();
    const early = errorOf(await police(ORDER, { p: p.id, input: input({ orderedOn: '2026-06-30', startsOn: '2026-07-01' }) }));
    expect(early.code).toBe('FORBIDDEN');
    expect(early.en).toContain('On 2026-06-30 the law provides for no one to order electronic monitoring');
    const province = errorOf(await police(ORDER, { p: p.id, input: input() }, '01'));
    expect(province).toMatchObject({ code: 'FORBIDDEN' });
    expect(province.vi).toContain('Trưởng Công an cấp xã');
    expect(errorOf(await police(ORDER, { p: p.id, input: input() }, OTHER_COMMUNE)).code).toBe('NOT_FOUND');
    for (const role of ['commune_official', 'labour_officer', 'health_worker', 'facility_staff'] as const) {
      expect(errorOf(await h.run(ORDER, { p: p.id, input: input() }, role, COMMUNE)).code).toBe('FORBIDDEN');
    }
    for (const [over, field] of [
      [{ startsOn: '2026-07-14' }, 'startsOn'],
      [{ endsOn: '2026-07-15' }, 'endsOn'],
      [{ endsOn: '2029-07-16' }, 'endsOn'],
      [{ deviceId: ' ' }, 'deviceId'],
      [{ basisReference: '' }, 'basisReference'],
      [{ orderedOn: addDays(todayInHanoi(), 1), startsOn: addDays(todayInHanoi(), 1) }, 'orderedOn'],
    ] as const) {
      expect([field, errorOf(await police(ORDER, { p: p.id, input: input(over) }))]).toEqual([
        field,
        expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      ]);
    }
    expect(await h.snapshot()).toBe(before);
    const made = await order(p.id);
    expect(made).toMatchObject({
      basis: 'POST_REHAB_MANAGEMENT',
      status: 'ORDERED',
      orderedOn: '2026-07-15',
      person: { id: p.id },
      version: 1,
    });
    expect(await changes(p.id, 'ElectronicMonitoringOrder')).toBe(1);
    // One order at a time per person, and per device.
    expect(errorOf(await police(ORDER, { p: p.id, input: input({ startsOn: '2026-09-01' }) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'startsOn',
    });
    const read = `query($p: ID!) { person(id: $p) { electronicMonitoringOrders { id deviceId } } }`;
    expect(
      dataOf<{ person: { electronicMonitoringOrders: unknown[] } }>(await police(read, { p: p.id })).person
        .electronicMonitoringOrders,
    ).toHaveLength(1);
    expect(errorOf(await h.run(read, { p: p.id }, 'labour_officer', COMMUNE)).code).toBe('FORBIDDEN');
  });

  it("receives each device event once, even when re-sent, and puts it on the commune's worklist", async () => {
    const p = await register(h, {}, '00070');
    const o = await order(p.id, '00070');
    const first = dataOf<{ reportMonitoringDeviceEvent: Receipt }>(
      await report(o.id, 'EV-1', 'TAMPER', '2026-08-01T10:00:00Z', '00070'),
    ).reportMonitoringDeviceEvent;
    expect(first).toMatchObject({ duplicate: false, alert: { kind: 'TAMPER', version: 1 } });
    const audits = await changes(p.id, 'MonitoringAlert');
    const again = dataOf<{ reportMonitoringDeviceEvent: Receipt }>(
      await report(o.id, 'EV-1', 'TAMPER', '2026-08-01T10:00:00Z', '00070'),
    ).reportMonitoringDeviceEvent;
    expect(again).toEqual({ ...first, duplicate: true });
    // The provincial monitoring centre may report too; the re-sent event is still the same one.
    const fromProvince = dataOf<{ reportMonitoringDeviceEvent: Receipt }>(
      await report(o.id, 'EV-1', 'TAMPER', '2026-08-01T10:00:00Z', '01'),
    ).reportMonitoringDeviceEvent;
    expect(fromProvince).toMatchObject({ duplicate: true, alert: { id: first.alert.id } });
    expect(await changes(p.id, 'MonitoringAlert')).toBe(audits);
    const rows = await h.database.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM monitoring_alert WHERE order_id = $1',
      [o.id],
    );
    expect(rows[0]?.n).toBe(1);
    const fault = dataOf<{ reportMonitoringDeviceEvent: Receipt }>(
      await report(o.id, 'EV-0', 'FAULT', '2026-07-20T10:00:00Z', '01'),
    ).reportMonitoringDeviceEvent;
    expect(await alerts('00070')).toEqual(expect.arrayContaining([fault.alert.id, first.alert.id]));
    const list = await alerts('00070');
    expect(list.indexOf(fault.alert.id)).toBeLessThan(list.indexOf(first.alert.id));
    expect(await alerts(COMMUNE)).not.toContain(first.alert.id);
    expect(errorOf(await h.run(ALERTS, {}, 'labour_officer', '01')).code).toBe('FORBIDDEN');

    const before = await h.snapshot();
    expect(errorOf(await report(o.id, 'EV-1', 'FAULT', '2026-08-01T10:00:00Z', '00070'))).toMatchObject({
      code: 'CONFLICT',
      field: 'eventId',
    });
    expect(errorOf(await report(o.id, 'EV-2', 'TAMPER', '2026-07-14T10:00:00Z', '00070'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'occurredAt',
    });
    expect(errorOf(await report(o.id, 'EV-3', 'TAMPER', '2027-07-15T10:00:00Z', '00070'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'occurredAt',
    });
    expect(errorOf(await report(o.id, 'EV-4', 'TAMPER', '2026-08-01T10:00:00Z', COMMUNE)).code).toBe('NOT_FOUND');
    expect(
      errorOf(
        await h.run(
          EVENT,
          { o: o.id, input: { eventId: 'EV-5', kind: 'TAMPER', occurredAt: '2026-08-01T10:00:00Z' } },
          'health_worker',
          '00070',
        ),
      ).code,
    ).toBe('FORBIDDEN');
    expect(errorOf(await police(ACK, { id: first.alert.id, v: 1 }, COMMUNE)).code).toBe('NOT_FOUND');
    expect(errorOf(await police(ACK, { id: first.alert.id, v: 2 }, '00070')).code).toBe('CONFLICT');
    expect(await h.snapshot()).toBe(before);

    const acked = dataOf<{ acknowledgeMonitoringAlert: { acknowledgedBy: string; version: number } }>(
      await police(ACK, { id: first.alert.id, v: 1 }, '00070'),
    );
    expect(acked.acknowledgeMonitoringAlert).toMatchObject({ acknowledgedBy: 'test.police_officer', version: 2 });
    expect(errorOf(await police(ACK, { id: first.alert.id, v: 2 }, '00070')).code).toBe('ILLEGAL_TRANSITION');
    expect(await alerts('00070')).not.toContain(first.alert.id);
    // Re-sent after the acknowledgement: still the one alert, not a new one on the worklist.
    expect(
      dataOf<{ reportMonitoringDeviceEvent: Receipt }>(await report(o.id, 'EV-1', 'TAMPER', '2026-08-01T10:00:00Z', '00070'))
        .reportMonitoringDeviceEvent.duplicate,
    ).toBe(true);
    expect(await alerts('00070')).not.toContain(first.alert.id);
  });

  it('is ended early by the head of commune police; events for an ended order are refused', async () => {
    const p = await register(h);
    const o = await order(p.id);
    const sent = dataOf<{ reportMonitoringDeviceEvent: Receipt }>(await report(o.id, 'E-1')).reportMonitoringDeviceEvent;
    expect(errorOf(await police(END, { id: o.id, v: 1, on: '2026-07-10', r: 'Hết căn cứ' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'endedOn',
    });
    expect(errorOf(await police(END, { id: o.id, v: 1, on: '2026-08-02', r: 'Hết căn cứ' }, '01')).code).toBe('FORBIDDEN');
    const ended = dataOf<{ endElectronicMonitoring: Order }>(
      await police(END, { id: o.id, v: 1, on: '2026-08-02', r: 'Đã hoàn thành điều trị' }),
    ).endElectronicMonitoring;
    expect(ended).toMatchObject({
      status: 'ENDED_EARLY',
      endedOn: '2026-08-02',
      endReason: 'Đã hoàn thành điều trị',
      version: 2,
    });
    expect(errorOf(await police(END, { id: o.id, v: 2, on: '2026-08-02', r: 'x' })).code).toBe('ILLEGAL_TRANSITION');
    expect(errorOf(await report(o.id, 'E-2', 'FAULT', '2026-08-01T12:00:00Z')).code).toBe('ILLEGAL_TRANSITION');
    expect(dataOf<{ reportMonitoringDeviceEvent: Receipt }>(await report(o.id, 'E-1')).reportMonitoringDeviceEvent).toMatchObject(
      { duplicate: true, alert: { id: sent.alert.id } },
    );
    // The device is free again for another person after the early end.
    const other = await register(h);
    const deviceOf = await h.database.db.query<{ device_id: string }[]>(
      'SELECT device_id FROM electronic_monitoring_order WHERE id = $1',
      [o.id],
    );
    expect(
      (await order(other.id, COMMUNE, { deviceId: deviceOf[0]?.device_id, orderedOn: '2026-08-03', startsOn: '2026-08-03' }))
        .status,
    ).toBe('ORDERED');
  });

  it('follows the person with their open orders and alerts when they move', async () => {
    const p = await register(h, {}, '00025');
    const o = await order(p.id, '00025');
    const sent = dataOf<{ reportMonitoringDeviceEvent: Receipt }>(
      await report(o.id, 'M-1', 'TAMPER', '2026-08-01T10:00:00Z', '00025'),
    ).reportMonitoringDeviceEvent;
    const MOVE = `mutation($p: ID!) { recordResidenceChange(personId: $p, expectedVersion: 1, toUnitCode: "${NEIGHBOUR_COMMUNE}", addressLine: "Số 2", movedOn: "${todayInHanoi()}") { id } }`;
    dataOf(await police(MOVE, { p: p.id }, '00025'));
    expect(await alerts(NEIGHBOUR_COMMUNE)).toContain(sent.alert.id);
    expect(await alerts('00025')).not.toContain(sent.alert.id);
    const again = dataOf<{ reportMonitoringDeviceEvent: Receipt }>(
      await report(o.id, 'M-2', 'FAULT', '2026-08-02T10:00:00Z', NEIGHBOUR_COMMUNE),
    );
    expect(again.reportMonitoringDeviceEvent.duplicate).toBe(false);
    expect(errorOf(await report(o.id, 'M-3', 'FAULT', '2026-08-02T10:00:00Z', '00025')).code).toBe('NOT_FOUND');
  });
});

describe('merging records', () => {
  it("moves the open management's declarations and summonses and open monitoring orders with their alerts to the survivor", async () => {
    const { personId, managementId } = await managed('2026-07-05');
    const survivor = await register(h);
    dataOf(
      await police(
        `mutation($m: ID!) { recordSubstanceDeclaration(managementId: $m, input: { declaredOn: "2026-07-06", substances: [CANNABIS], source: "Bạn cho" }) { id } }`,
        { m: managementId },
      ),
    );
    dataOf(
      await police(
        `mutation($m: ID!) { summonDrugUser(managementId: $m, input: { summonedOn: "2026-07-06", appearOn: "2026-07-07", reason: "Thử" }) { id } }`,
        { m: managementId },
      ),
    );
    const order = `mutation($p: ID!) { orderElectronicMonitoring(personId: $p, input: { orderedOn: "2026-07-15", basis: SUBSTITUTION_TREATMENT,
      basisReference: "MMT-1", deviceId: "VN-EM-MERGE", startsOn: "2026-07-15", endsOn: "2026-12-31" }) { id } }`;
    const orderId = dataOf<{ orderElectronicMonitoring: { id: string } }>(await police(order, { p: personId }))
      .orderElectronicMonitoring.id;
    dataOf(
      await police(
        `mutation($o: ID!) { reportMonitoringDeviceEvent(orderId: $o, input: { eventId: "MG-1", kind: FAULT, occurredAt: "2026-08-01T00:00:00Z" }) { duplicate } }`,
        { o: orderId },
      ),
    );
    const merge = `mutation($s: ID!, $d: ID!) { mergePersons(survivorId: $s, duplicateId: $d, reason: "Trùng hồ sơ") { id } }`;
    dataOf(await police(merge, { s: survivor.id, d: personId }, '01'));
    const owners = await h.database.db.query(
      `SELECT 'declaration' AS t, person_id FROM substance_declaration WHERE management_id = $1
      UNION ALL SELECT 'summons', person_id FROM summons WHERE management_id = $1
      UNION ALL SELECT 'order', person_id FROM electronic_monitoring_order WHERE id = $2
      UNION ALL SELECT 'alert', person_id FROM monitoring_alert WHERE order_id = $2 ORDER BY 1`,
      [managementId, orderId],
    );
    expect(owners).toEqual(['alert', 'declaration', 'order', 'summons'].map((t) => ({ t, person_id: survivor.id })));
  });
});
