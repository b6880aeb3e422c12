import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Notice } from '@rehab/server-kit';
import { ROLES } from '@rehab/shared-schema';
import { addWorkingDays, registrationDeadline, WEEKENDS_ONLY, type WorkingCalendar } from '../treatment-registration/rules';
import { COMMUNE, NEIGHBOUR_COMMUNE, OTHER_COMMUNE, dataOf, openHarness, register, type Harness } from './harness';
import { deliverToPolice, noticeToPolice } from './harness';

/**
 * Treatment-registration deadlines: health's addiction.determined notice starts one (N working
 * days of the rule in force on the informed date, on the working calendar), a voluntary admission
 * (labour-welfare) or a substitution enrolment (health) meets it, and commune police see who is
 * past it.
 */
let h: Harness;
let calendar: WorkingCalendar;

beforeAll(async () => {
  h = await openHarness([]);
  const rows = await h.database.db.query<{ day: string; working: boolean }[]>(
    'SELECT day::text AS day, working FROM working_calendar_exception',
  );
  calendar = {
    daysOff: new Set(rows.filter((r) => !r.working).map((r) => r.day)),
    workingWeekends: new Set(rows.filter((r) => r.working).map((r) => r.day)),
  };
});
afterAll(async () => {
  await h.close();
});

const notice = noticeToPolice;
const deliver = (n: Notice): Promise<void> => deliverToPolice(h, n);

const determined = (personId: string, informedOn: string, determinedOn = informedOn) =>
  notice('addiction.determined', 'health', {
    personId,
    determinationId: randomUUID(),
    determinedOn,
    informedOn,
    substanceClasses: ['OPIOIDS'],
  });
const admitted = (personId: string, admittedOn: string, kind: string) =>
  notice('rehab.admitted', 'labor-welfare', {
    personId,
    episodeId: randomUUID(),
    admittedOn,
    kind,
    facilityCode: null,
  });
const substitution = (personId: string, enrolledOn: string) =>
  notice('treatment.substitution-started', 'health', {
    personId,
    treatmentId: randomUUID(),
    enrolledOn,
  });

const WORKLIST = `query($asOf: Date, $after: String) { treatmentRegistrationOverdue(asOf: $asOf, first: 10, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { person { id } determinedOn informedOn deadline workingDays status daysOverdue } } }`;
const PERSON = `query($id: ID!, $asOf: Date) { person(id: $id) { treatmentRegistrationDeadline {
  informedOn deadline registeredOn registrationForm status(asOf: $asOf) daysOverdue(asOf: $asOf) } } }`;

interface Row {
  person: { id: string };
  determinedOn: string;
  informedOn: string;
  deadline: string | null;
  workingDays: number | null;
  status: string;
  daysOverdue: number;
}
interface Worklist {
  treatmentRegistrationOverdue: { totalCount: number; nodes: Row[] };
}

const worklist = async (asOf: string, commune = COMMUNE): Promise<Row[]> =>
  dataOf<Worklist>(await h.run(WORKLIST, { asOf }, 'police_officer', commune)).treatmentRegistrationOverdue.nodes;

describe('working days', () => {
  it('skips Saturdays and Sundays', () => {
    // Thursday 1 October 2026: Fri 2, Mon 5, Tue 6, Wed 7, Thu 8.
    expect(addWorkingDays('2026-10-01', 5, calendar)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-02', 1, calendar)).toBe('2026-10-05');
  });

  it('skips the public holidays of the calendar table and counts a Saturday worked in a swap', () => {
    // Thu 28 August 2025: Fri 29 (1); Mon 1 and Tue 2 September are National Day; Wed 3 (2) … Mon 8 (5).
    expect(addWorkingDays('2025-08-28', 5, calendar)).toBe('2025-09-08');
    expect(addWorkingDays('2025-08-28', 5, WEEKENDS_ONLY)).toBe('2025-09-04');
    // Fri 26 April 2024: Mon 29 April swapped off, 30 April and 1 May holidays, Thu 2 (1), Fri 3 (2), Sat 4 worked (3), Mon 6 (4), Tue 7 (5).
    expect(addWorkingDays('2024-04-26', 5, calendar)).toBe('2024-05-07');
    // Tết Giáp Thìn 2024: 8–14 February off.
    expect(addWorkingDays('2024-02-07', 1, calendar)).toBe('2024-02-15');
  });

  it('names the source of every calendar row', async () => {
    const rows = await h.database.db.query<
      [{ n: number; sourced: number; first: string; last: string }]
    >(`SELECT count(*)::int AS n, count(*) FILTER (WHERE source <> '')::int AS sourced,
      min(day)::text AS first, max(day)::text AS last FROM working_calendar_exception`);
    expect(rows[0].n).toBe(rows[0].sourced);
    expect([rows[0].first >= '2022-01-01', rows[0].last <= '2027-12-31']).toEqual([true, true]);
  });

  it('gives no deadline when no rule is in force on the informed date', () => {
    expect(registrationDeadline('2021-12-20', null, calendar)).toBeNull();
  });
});

describe('treatment-registration deadlines from notices', () => {
  it('lists the overdue, earliest deadline first, and not those who registered on time or are still within the deadline', async () => {
    const late = await register(h);
    const earlier = await register(h);
    const onTime = await register(h);
    const lateRegistration = await register(h);
    const compulsory = await register(h);
    await deliver(determined(late.id, '2026-10-01', '2026-09-30'));
    await deliver(determined(earlier.id, '2026-09-28'));
    await deliver(determined(onTime.id, '2026-10-01'));
    await deliver(admitted(onTime.id, '2026-10-08', 'VOLUNTARY_COMMUNITY'));
    await deliver(determined(lateRegistration.id, '2026-10-01'));
    await deliver(substitution(lateRegistration.id, '2026-10-12'));
    await deliver(determined(compulsory.id, '2026-10-01'));
    // A compulsory admission is no registration of the person's own choice, but it closes the deadline.
    await deliver(admitted(compulsory.id, '2026-10-10', 'COMPULSORY'));

    const mine = new Set([late.id, earlier.id, onTime.id, lateRegistration.id, compulsory.id]);
    const onDeadline = (await worklist('2026-10-08')).filter((r) => mine.has(r.person.id));
    expect(onDeadline.map((r) => r.person.id)).toEqual([earlier.id]);

    const rows = (await worklist('2026-10-12')).filter((r) => mine.has(r.person.id));
    // Earliest deadline first: 5 October, then 8 October; the person admitted to compulsory rehab has left the list.
    expect(rows.map((r) => r.person.id)).toEqual([earlier.id, late.id]);
    expect(rows[0]).toMatchObject({
      informedOn: '2026-09-28',
      deadline: '2026-10-05',
      workingDays: 5,
      status: 'OVERDUE',
      daysOverdue: 7,
    });
    expect(rows.find((r) => r.person.id === late.id)).toMatchObject({
      determinedOn: '2026-09-30',
      informedOn: '2026-10-01',
      deadline: '2026-10-08',
      status: 'OVERDUE',
      daysOverdue: 4,
    });
    // The late registration was not yet known on 9 October: overdue then.
    const before = (await worklist('2026-10-09')).map((r) => r.person.id);
    expect(before).toContain(lateRegistration.id);
    expect(before).toContain(compulsory.id);

    const status = async (id: string, asOf: string) =>
      dataOf<{ person: { treatmentRegistrationDeadline: Record<string, unknown> } }>(
        await h.run(PERSON, { id, asOf }, 'police_officer', COMMUNE),
      ).person.treatmentRegistrationDeadline;
    expect(await status(onTime.id, '2026-10-12')).toEqual({
      informedOn: '2026-10-01',
      deadline: '2026-10-08',
      registeredOn: '2026-10-08',
      registrationForm: 'VOLUNTARY_COMMUNITY',
      status: 'SATISFIED',
      daysOverdue: 0,
    });
    expect(await status(lateRegistration.id, '2026-10-12')).toMatchObject({
      registrationForm: 'SUBSTITUTION_TREATMENT',
      status: 'SATISFIED_LATE',
    });
    expect(await status(late.id, '2026-10-05')).toMatchObject({ status: 'PENDING', daysOverdue: 0 });
    expect(await status(compulsory.id, '2026-10-09')).toMatchObject({ status: 'OVERDUE', registeredOn: null });
    expect(await status(compulsory.id, '2026-10-12')).toMatchObject({
      status: 'COMPULSORY_ADMITTED',
      registeredOn: null,
      daysOverdue: 0,
    });
  });

  it('meets a deadline with a registration received before the determination notice', async () => {
    const p = await register(h);
    await deliver(admitted(p.id, '2026-10-02', 'VOLUNTARY_FACILITY'));
    await deliver(determined(p.id, '2026-10-01'));
    expect((await worklist('2026-11-01')).map((r) => r.person.id)).not.toContain(p.id);
    const d = dataOf<{ person: { treatmentRegistrationDeadline: { status: string; registrationForm: string } } }>(
      await h.run(PERSON, { id: p.id, asOf: '2026-11-01' }, 'police_officer', COMMUNE),
    ).person.treatmentRegistrationDeadline;
    expect(d).toMatchObject({ status: 'SATISFIED', registrationForm: 'VOLUNTARY_FACILITY' });
  });

  it('sets no deadline for a person told before the rule was in force', async () => {
    const p = await register(h);
    await deliver(determined(p.id, '2021-12-20'));
    const d = dataOf<{ person: { treatmentRegistrationDeadline: Record<string, unknown> } }>(
      await h.run(PERSON, { id: p.id, asOf: '2026-11-01' }, 'police_officer', COMMUNE),
    ).person.treatmentRegistrationDeadline;
    expect(d).toMatchObject({ informedOn: '2021-12-20', deadline: null, status: 'NO_DEADLINE', daysOverdue: 0 });
    expect((await worklist('2026-11-01')).map((r) => r.person.id)).not.toContain(p.id);
  });

  it("shows a person's deadline to police of their commune only, and follows the person on a move", async () => {
    const p = await register(h, {}, NEIGHBOUR_COMMUNE);
    await deliver(determined(p.id, '2026-10-01'));
    expect((await worklist('2026-10-12', NEIGHBOUR_COMMUNE)).map((r) => r.person.id)).toContain(p.id);
    expect((await worklist('2026-10-12', COMMUNE)).map((r) => r.person.id)).not.toContain(p.id);
    expect((await worklist('2026-10-12', OTHER_COMMUNE)).map((r) => r.person.id)).not.toContain(p.id);
    const other = await h.run(PERSON, { id: p.id }, 'police_officer', COMMUNE);
    expect(other.data?.person ?? null).toBeNull();

    const MOVE = `mutation($p: ID!, $v: Int!, $to: ID!) { recordResidenceChange(personId: $p, expectedVersion: $v, toUnitCode: $to,
      addressLine: "Số 2 phố Mới", movedOn: "2026-10-20") { id } }`;
    dataOf(await h.run(MOVE, { p: p.id, v: p.version, to: COMMUNE }, 'police_officer', NEIGHBOUR_COMMUNE));
    expect((await worklist('2026-10-21', COMMUNE)).map((r) => r.person.id)).toContain(p.id);
    expect((await worklist('2026-10-21', NEIGHBOUR_COMMUNE)).map((r) => r.person.id)).not.toContain(p.id);
  });

  it('is read by police only: every other role is refused the worklist and the Person field', async () => {
    const p = await register(h);
    await deliver(determined(p.id, '2026-10-01'));
    for (const role of ROLES) {
      const list = await h.run(WORKLIST, { asOf: '2026-10-12' }, role, COMMUNE);
      const field = await h.run(
        'query($id: ID!) { person(id: $id) { id treatmentRegistrationDeadline { deadline } } }',
        { id: p.id },
        role,
        COMMUNE,
      );
      const codes = [list.errors?.[0]?.extensions?.code ?? 'OK', field.errors?.[0]?.extensions?.code ?? 'OK'];
      expect({ role, codes }).toEqual({ role, codes: role === 'police_officer' ? ['OK', 'OK'] : ['FORBIDDEN', 'FORBIDDEN'] });
    }
  });

  it('audits the read of each listed person', async () => {
    const p = await register(h);
    await deliver(determined(p.id, '2026-10-01'));
    await worklist('2026-10-12');
    const rows = await h.database.db.query(
      `SELECT DISTINCT entity_type FROM audit_log WHERE person_id = $1 AND action = 'READ'`,
      [p.id],
    );
    expect(rows).toContainEqual({ entity_type: 'TreatmentRegistrationDeadline' });
  });

  it('refuses a malformed notice for good, changing nothing', async () => {
    const p = await register(h);
    const count = () => h.database.db.query('SELECT count(*)::int AS n FROM treatment_registration_deadline');
    const before = await count();
    for (const payload of [
      {
        personId: p.id,
        determinationId: randomUUID(),
        determinedOn: '2026-10-02',
        informedOn: '2026-10-01',
        substanceClasses: ['OPIOIDS'],
      },
      {
        personId: p.id,
        determinationId: randomUUID(),
        determinedOn: '2026-10-01',
        informedOn: '2026-10-01',
        substanceClasses: ['SUGAR'],
      },
      {
        personId: p.id,
        determinationId: 'x',
        determinedOn: '2026-10-01',
        informedOn: '2026-10-01',
        substanceClasses: ['OPIOIDS'],
      },
      {
        personId: randomUUID(),
        determinationId: randomUUID(),
        determinedOn: '2026-10-01',
        informedOn: '2026-10-01',
        substanceClasses: ['OPIOIDS'],
      },
    ]) {
      let code: unknown = 'no error';
      try {
        await deliver(notice('addiction.determined', 'health', payload));
      } catch (e) {
        code = e instanceof GraphQLError ? e.extensions.code : 'untyped';
      }
      expect({ payload, code }).toEqual({ payload, code: 'BAD_USER_INPUT' });
    }
    expect(await count()).toEqual(before);
  });
});
