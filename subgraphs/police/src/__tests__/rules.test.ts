import { testCaller } from '@rehab/server-kit';
import { formatDateVi, makeIdentificationNumber, todayInHanoi } from '@rehab/shared-schema';

const todayVi = (): string => formatDateVi(todayInHanoi());
import {
  checkInProblems,
  decisionProblems,
  detectionProblems,
  endProblems,
  managementMachine,
  managementPeriodEnd,
} from '../rules/drug-user-management';
import { foundProblems, searchMachine } from '../rules/absconder-search';
import { addWorkingDays, deadlineAfter, periodEnd, today } from '../rules/legal-time';
import { completionNoticeMachine, isOverdue, transferDueAt, transferNoticeMachine } from '../rules/notices';
import {
  identificationNumberProblems,
  mayMerge,
  personFactProblems,
  personRecordMachine,
  residenceUnitProblem,
} from '../rules/person-record';
import type { StateMachine } from '../rules/state-machine';

/** Every (state, action) pair of a machine against the expected legal ones; the rest must be refused. */
function checkExhaustively<S extends string, A extends string>(machine: StateMachine<S, A>, legal: Record<string, S>): void {
  let illegal = 0;
  for (const from of machine.states) {
    for (const action of machine.actions) {
      const result = machine.transition(from, action);
      const expected = legal[`${from} ${action}`];
      if (expected !== undefined) {
        expect([from, action, result]).toEqual([from, action, { ok: true, to: expected }]);
      } else {
        illegal += 1;
        expect([from, action, result.ok]).toEqual([from, action, false]);
        if (!result.ok) {
          expect(result.code).toBe('ILLEGAL_TRANSITION');
          expect(result.text.vi).toMatch(/^Không thể /);
          expect(result.text.en).toMatch(/^Cannot /);
        }
      }
    }
  }
  expect(illegal).toBe(machine.states.length * machine.actions.length - Object.keys(legal).length);
}

describe('state machines', () => {
  it('drug-user management: decide, check in, end, supersede; nothing after ENDED or SUPERSEDED_BY_REHAB', () => {
    checkExhaustively(managementMachine, {
      'PENDING_DECISION DECIDE': 'ACTIVE',
      'PENDING_DECISION END': 'ENDED',
      'PENDING_DECISION SUPERSEDE': 'SUPERSEDED_BY_REHAB',
      'ACTIVE CHECK_IN': 'ACTIVE',
      'ACTIVE END': 'ENDED',
      'ACTIVE SUPERSEDE': 'SUPERSEDED_BY_REHAB',
    });
    const refused = managementMachine.transition('ENDED', 'CHECK_IN');
    expect(refused).toEqual({
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      text: {
        vi: 'Không thể ghi nhận trình diện khi hồ sơ quản lý người sử dụng trái phép chất ma túy đang ở trạng thái "đã kết thúc quản lý"',
        en: 'Cannot record a check-in while the drug-user management is ended',
      },
    });
  });

  it('absconder search: found, then closed by the return (or closed straight from open)', () => {
    checkExhaustively(searchMachine, {
      'OPEN RECORD_FOUND': 'FOUND',
      'OPEN RECORD_RETURN': 'CLOSED',
      'FOUND RECORD_RETURN': 'CLOSED',
    });
  });

  it('transfer and completion notices are acknowledged once', () => {
    for (const machine of [transferNoticeMachine, completionNoticeMachine]) {
      checkExhaustively(machine, { 'AWAITING ACKNOWLEDGE': 'ACKNOWLEDGED' });
    }
  });

  it('a merged registry record takes no action at all', () => {
    checkExhaustively(personRecordMachine, {
      'ACTIVE EDIT': 'ACTIVE',
      'ACTIVE MERGE_AWAY': 'MERGED',
      'ACTIVE ABSORB': 'ACTIVE',
      'ACTIVE ACT_ON': 'ACTIVE',
    });
  });
});

describe('identification number', () => {
  it('accepts a number consistent with province, century, sex and year of birth', () => {
    expect(identificationNumberProblems(makeIdentificationNumber('001', '1990-05-17', 'MALE', 42), '1990-05-17', 'MALE')).toEqual(
      [],
    );
    expect(
      identificationNumberProblems(makeIdentificationNumber('079', '2003-01-02', 'FEMALE', 42), '2003-01-02', 'FEMALE'),
    ).toEqual([]);
  });

  it('explains an unknown province prefix', () => {
    expect(identificationNumberProblems('003090123456', '1990-05-17', 'MALE')).toEqual([
      {
        vi: 'Ba chữ số đầu 003 không phải mã tỉnh, thành phố nơi đăng ký khai sinh',
        en: 'The first three digits 003 are not a province code of birth registration',
      },
    ]);
  });

  it('explains a century/sex digit that does not match', () => {
    // A woman born in 1990 has 1; a man born in 2003 has 2.
    expect(identificationNumberProblems('001090123456', '1990-05-17', 'FEMALE')).toEqual([
      {
        vi: 'Chữ số thứ tư (0) không khớp thế kỷ sinh và giới tính: người nữ sinh năm 1990 phải có chữ số 1',
        en: 'The fourth digit (0) does not match the century of birth and sex: a female born in 1990 has 1',
      },
    ]);
    expect(identificationNumberProblems('001003123456', '2003-01-02', 'MALE')[0]?.vi).toContain(
      'người nam sinh năm 2003 phải có chữ số 2',
    );
  });

  it('explains birth-year digits that do not match', () => {
    expect(identificationNumberProblems('001091123456', '1990-05-17', 'MALE')).toEqual([
      {
        vi: 'Chữ số thứ năm và thứ sáu (91) không khớp năm sinh 1990: phải là 90',
        en: 'The fifth and sixth digits (91) do not match the year of birth 1990: they must be 90',
      },
    ]);
  });

  it('lists every problem of a number wrong in several ways', () => {
    expect(identificationNumberProblems('003191123456', '1990-05-17', 'MALE')).toHaveLength(3);
  });
});

describe('person facts', () => {
  const ok = {
    fullName: 'Nguyễn Văn A',
    otherNames: [],
    dateOfBirth: '1990-01-01',
    ethnicity: 'Kinh',
    addressLines: [{ field: 'a', value: 'Số 1' }],
  };
  it('accepts sound facts and names the field of each problem', () => {
    expect(personFactProblems(ok, '2026-11-22')).toEqual([]);
    expect(personFactProblems({ ...ok, fullName: '  ' }, '2026-11-22').map((p) => p.field)).toEqual(['fullName']);
    expect(personFactProblems({ ...ok, dateOfBirth: '2027-01-01' }, '2026-11-22').map((p) => p.field)).toEqual(['dateOfBirth']);
    expect(personFactProblems({ ...ok, dateOfBirth: '1899-12-31' }, '2026-11-22').map((p) => p.field)).toEqual(['dateOfBirth']);
    expect(personFactProblems({ ...ok, ethnicity: '' }, '2026-11-22').map((p) => p.field)).toEqual(['ethnicity']);
    expect(personFactProblems({ ...ok, otherNames: [''] }, '2026-11-22').map((p) => p.field)).toEqual(['otherNames']);
    expect(
      personFactProblems({ ...ok, addressLines: [{ field: 'x.addressLine', value: '' }] }, '2026-11-22').map((p) => p.field),
    ).toEqual(['x.addressLine']);
  });

  it('takes only communes as residences', () => {
    expect(residenceUnitProblem('f', '00004')).toBeNull();
    expect(residenceUnitProblem('f', '01')?.text.vi).toBe('Đơn vị 01 (Thành phố Hà Nội) không phải cấp xã, phường, đặc khu');
    // A commune that ended with the reform is no residence today, but was one before.
    expect(residenceUnitProblem('f', '00028')?.text.vi).toBe(
      'Mã 00028 không là đơn vị nào vào ngày 02/12/2026 (Phường Kim Mã đến 30/06/2025)'.replace('02/12/2026', todayVi()),
    );
    expect(residenceUnitProblem('f', '00028', '2025-01-01')).toBeNull();
    expect(residenceUnitProblem('f', 'CSCN1')?.field).toBe('f');
    expect(residenceUnitProblem('f', 'nope')?.text.en).toBe('No administrative unit with code nope');
  });

  it('lets provincial police and supervisors merge (district police ended on 1 March 2025)', () => {
    expect(mayMerge(testCaller('police_officer', '01'))).toBe(true);
    expect(mayMerge(testCaller('police_officer', '001'))).toBe(false);
    expect(mayMerge(testCaller('police_officer', '00004'))).toBe(false);
    expect(mayMerge(testCaller('supervisor', '01'))).toBe(true);
    expect(mayMerge(testCaller('commune_official', '01'))).toBe(false);
  });
});

describe('legal time', () => {
  it("takes today as Việt Nam's date, so an officer's today is never in the future after midnight", () => {
    expect(today(new Date('2026-12-02T16:59:59Z'))).toBe('2026-12-02');
    expect(today(new Date('2026-12-02T17:00:00Z'))).toBe('2026-12-03');
    expect(today(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('adds rule durations to dates', () => {
    expect(periodEnd('2026-01-31', { value: 12, unit: 'MONTHS' })).toBe('2027-01-31');
    expect(periodEnd('2024-02-29', { value: 12, unit: 'MONTHS' })).toBe('2025-02-28');
    expect(periodEnd('2026-07-01', { value: 10, unit: 'DAYS' })).toBe('2026-07-11');
    // Friday + 5 working days = next Friday.
    expect(addWorkingDays('2026-07-03', 5)).toBe('2026-07-10');
    expect(managementPeriodEnd('2026-03-15', { value: 12, unit: 'MONTHS' })).toBe('2027-03-15');
  });

  it('runs deadlines from an instant', () => {
    const sent = new Date('2026-07-05T08:30:00Z');
    expect(deadlineAfter(sent, { value: 24, unit: 'HOURS' }).toISOString()).toBe('2026-07-06T08:30:00.000Z');
    expect(deadlineAfter(sent, { value: 2, unit: 'DAYS' }).toISOString()).toBe('2026-07-07T08:30:00.000Z');
    expect(transferDueAt(sent, null)).toBeNull();
    expect(transferDueAt(sent, { value: 24, unit: 'HOURS' })?.toISOString()).toBe('2026-07-06T08:30:00.000Z');
  });

  it('is overdue only past the deadline and unacknowledged', () => {
    const dueAt = new Date('2026-07-06T08:30:00Z');
    expect(isOverdue({ dueAt, acknowledgedAt: null }, new Date('2026-07-06T08:30:01Z'))).toBe(true);
    expect(isOverdue({ dueAt, acknowledgedAt: null }, new Date('2026-07-06T08:30:00Z'))).toBe(false);
    expect(isOverdue({ dueAt, acknowledgedAt: new Date('2026-07-07T00:00:00Z') }, new Date('2026-07-08T00:00:00Z'))).toBe(false);
    expect(isOverdue({ dueAt: null, acknowledgedAt: null }, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('drug-user management inputs', () => {
  const today = '2026-11-22';
  it('checks detections', () => {
    const ok = {
      detectedOn: '2026-07-10',
      method: 'TEST_POSITIVE' as const,
      substances: ['STIMULANTS'],
      testResult: 'Dương tính',
    };
    expect(detectionProblems(ok, today)).toEqual([]);
    expect(detectionProblems({ ...ok, testResult: null }, today).map((p) => p.field)).toEqual(['testResult']);
    expect(detectionProblems({ ...ok, method: 'CAUGHT_USING', testResult: null }, today)).toEqual([]);
    expect(detectionProblems({ ...ok, substances: [] }, today).map((p) => p.field)).toEqual(['substances']);
    expect(detectionProblems({ ...ok, substances: ['OPIOIDS', 'OPIOIDS'] }, today).map((p) => p.field)).toEqual(['substances']);
    expect(detectionProblems({ ...ok, detectedOn: '2026-11-23' }, today).map((p) => p.field)).toEqual(['detectedOn']);
  });

  it('checks decisions', () => {
    expect(decisionProblems('2026-07-10', '12/QĐ-UBND', '2026-07-15', today)).toEqual([]);
    expect(decisionProblems('2026-07-10', ' ', '2026-07-15', today).map((p) => p.field)).toEqual(['decisionNumber']);
    expect(decisionProblems('2026-07-10', '12', '2026-07-09', today)[0]?.text.vi).toBe(
      'Ngày quyết định 2026-07-09 ở trước ngày phát hiện 2026-07-10',
    );
    expect(decisionProblems('2026-07-10', '12', '2026-12-01', today).map((p) => p.field)).toEqual(['decisionDate']);
  });

  it('checks check-ins and ends', () => {
    const m = { status: 'ACTIVE' as const, decisionDate: '2026-07-15', periodEndsOn: '2027-07-15', detectedOn: '2026-07-10' };
    expect(checkInProblems(m, '2026-08-01', 'ok', today)).toEqual([]);
    expect(checkInProblems(m, '2026-07-14', 'ok', today).map((p) => p.field)).toEqual(['date']);
    expect(endProblems(m, '2026-10-01', 'DECEASED', today)).toEqual([]);
    expect(endProblems(m, '2026-10-01', 'PERIOD_COMPLETED', today)[0]?.text.vi).toBe(
      'Thời hạn quản lý đến ngày 2027-07-15; kết thúc sớm hơn phải nêu lý do khác',
    );
    expect(
      endProblems({ ...m, decisionDate: null, periodEndsOn: null }, '2026-10-01', 'PERIOD_COMPLETED', today).map((p) => p.field),
    ).toEqual(['reason']);
    expect(endProblems(m, '2026-07-01', 'OTHER', today).map((p) => p.field)).toEqual(['endedOn']);
  });

  it('checks a search found', () => {
    expect(foundProblems('2026-08-01', '2026-08-03', 'Tại nhà', '2026-11-22')).toEqual([]);
    expect(foundProblems('2026-08-01', '2026-07-30', 'Tại nhà', '2026-11-22').map((p) => p.field)).toEqual(['foundOn']);
    expect(foundProblems('2026-08-01', '2026-08-03', ' ', '2026-11-22').map((p) => p.field)).toEqual(['note']);
  });
});
