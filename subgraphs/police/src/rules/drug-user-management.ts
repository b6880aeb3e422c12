import type { Bilingual } from '@rehab/server-kit';
import { stateMachine } from './state-machine';
import { periodEnd, type RuleDuration } from './legal-time';

/**
 * Quản lý người sử dụng trái phép chất ma túy: a detection opens the case (awaiting the
 * commune chairman's decision); the decision starts the management period; it ends at
 * the period's end (or earlier for a stated reason), or is superseded when the person is
 * admitted to rehab.
 */
export const MANAGEMENT_STATUSES = ['PENDING_DECISION', 'ACTIVE', 'ENDED', 'SUPERSEDED_BY_REHAB'] as const;
export type ManagementStatus = (typeof MANAGEMENT_STATUSES)[number];

export const MANAGEMENT_ACTIONS = ['DECIDE', 'CHECK_IN', 'END', 'SUPERSEDE'] as const;
export type ManagementAction = (typeof MANAGEMENT_ACTIONS)[number];

export const DETECTION_METHODS = ['TEST_POSITIVE', 'CAUGHT_USING', 'OTHER'] as const;
export type DetectionMethod = (typeof DETECTION_METHODS)[number];

export const END_REASONS = ['PERIOD_COMPLETED', 'DECISION_REVOKED', 'DECEASED', 'OTHER'] as const;
export type ManagementEndReason = (typeof END_REASONS)[number];

/** Statuses of a case still open (at most one per person). */
export const OPEN_MANAGEMENT_STATUSES: readonly ManagementStatus[] = ['PENDING_DECISION', 'ACTIVE'];

export const managementMachine = stateMachine<ManagementStatus, ManagementAction>(
  MANAGEMENT_STATUSES,
  MANAGEMENT_ACTIONS,
  {
    PENDING_DECISION: { DECIDE: 'ACTIVE', END: 'ENDED', SUPERSEDE: 'SUPERSEDED_BY_REHAB' },
    ACTIVE: { CHECK_IN: 'ACTIVE', END: 'ENDED', SUPERSEDE: 'SUPERSEDED_BY_REHAB' },
    ENDED: {},
    SUPERSEDED_BY_REHAB: {},
  },
  {
    entity: { vi: 'hồ sơ quản lý người sử dụng trái phép chất ma túy', en: 'drug-user management' },
    states: {
      PENDING_DECISION: { vi: 'chờ quyết định quản lý', en: 'awaiting the management decision' },
      ACTIVE: { vi: 'đang quản lý', en: 'active' },
      ENDED: { vi: 'đã kết thúc quản lý', en: 'ended' },
      SUPERSEDED_BY_REHAB: { vi: 'đã chuyển sang cai nghiện', en: 'superseded by rehab' },
    },
    actions: {
      DECIDE: { vi: 'ra quyết định quản lý', en: 'decide the management' },
      CHECK_IN: { vi: 'ghi nhận trình diện', en: 'record a check-in' },
      END: { vi: 'kết thúc quản lý', en: 'end the management' },
      SUPERSEDE: { vi: 'chuyển sang cai nghiện', en: 'supersede the management by rehab' },
    },
  },
);

/** A problem with an input, for a BAD_USER_INPUT error naming the field. */
export interface InputProblem {
  field: string;
  text: Bilingual;
}

export interface DetectionInput {
  detectedOn: string;
  method: DetectionMethod;
  substances: readonly string[];
  testResult: string | null;
}

export function detectionProblems(input: DetectionInput, today: string): InputProblem[] {
  const problems: InputProblem[] = [];
  if (input.detectedOn > today) {
    problems.push({
      field: 'detectedOn',
      text: {
        vi: `Ngày phát hiện ${input.detectedOn} ở sau ngày hôm nay`,
        en: `The detection date ${input.detectedOn} is in the future`,
      },
    });
  }
  if (input.substances.length === 0) {
    problems.push({
      field: 'substances',
      text: { vi: 'Phải ghi ít nhất một nhóm chất ma túy', en: 'At least one substance class is required' },
    });
  }
  if (new Set(input.substances).size !== input.substances.length) {
    problems.push({ field: 'substances', text: { vi: 'Nhóm chất ma túy bị lặp lại', en: 'A substance class is repeated' } });
  }
  const result = input.testResult?.trim() ?? '';
  if (input.method === 'TEST_POSITIVE' && result === '') {
    problems.push({
      field: 'testResult',
      text: {
        vi: 'Phát hiện qua xét nghiệm dương tính phải ghi kết quả xét nghiệm',
        en: 'A positive-test detection needs the test result',
      },
    });
  }
  if (result.length > 300) {
    problems.push({
      field: 'testResult',
      text: { vi: 'Kết quả xét nghiệm dài quá 300 ký tự', en: 'The test result is longer than 300 characters' },
    });
  }
  return problems;
}

export function decisionProblems(
  detectedOn: string,
  decisionNumber: string,
  decisionDate: string,
  today: string,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const number = decisionNumber.trim();
  if (number === '' || number.length > 64) {
    problems.push({
      field: 'decisionNumber',
      text: { vi: 'Số quyết định phải có từ 1 đến 64 ký tự', en: 'The decision number must have 1 to 64 characters' },
    });
  }
  if (decisionDate < detectedOn) {
    problems.push({
      field: 'decisionDate',
      text: {
        vi: `Ngày quyết định ${decisionDate} ở trước ngày phát hiện ${detectedOn}`,
        en: `The decision date ${decisionDate} is before the detection date ${detectedOn}`,
      },
    });
  }
  if (decisionDate > today) {
    problems.push({
      field: 'decisionDate',
      text: {
        vi: `Ngày quyết định ${decisionDate} ở sau ngày hôm nay`,
        en: `The decision date ${decisionDate} is in the future`,
      },
    });
  }
  return problems;
}

/**
 * The management period runs from the decision for the length of the rule in force on
 * the detection date (the law in force when the case started).
 */
export function managementPeriodEnd(decisionDate: string, rule: RuleDuration): string {
  return periodEnd(decisionDate, rule);
}

export interface ManagementFacts {
  status: ManagementStatus;
  decisionDate: string | null;
  periodEndsOn: string | null;
}

export function checkInProblems(m: ManagementFacts, date: string, note: string, today: string): InputProblem[] {
  const problems: InputProblem[] = [];
  if (m.decisionDate !== null && date < m.decisionDate) {
    problems.push({
      field: 'date',
      text: {
        vi: `Ngày trình diện ${date} ở trước ngày quyết định quản lý ${m.decisionDate}`,
        en: `The check-in date ${date} is before the decision date ${m.decisionDate}`,
      },
    });
  }
  if (date > today) {
    problems.push({
      field: 'date',
      text: { vi: `Ngày trình diện ${date} ở sau ngày hôm nay`, en: `The check-in date ${date} is in the future` },
    });
  }
  if (note.length > 1000) {
    problems.push({ field: 'note', text: { vi: 'Ghi chú dài quá 1000 ký tự', en: 'The note is longer than 1000 characters' } });
  }
  return problems;
}

export function endProblems(
  m: ManagementFacts & { detectedOn: string },
  endedOn: string,
  reason: ManagementEndReason,
  today: string,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const start = m.decisionDate ?? m.detectedOn;
  if (endedOn < start) {
    problems.push({
      field: 'endedOn',
      text: { vi: `Ngày kết thúc ${endedOn} ở trước ngày ${start}`, en: `The end date ${endedOn} is before ${start}` },
    });
  }
  if (endedOn > today) {
    problems.push({
      field: 'endedOn',
      text: { vi: `Ngày kết thúc ${endedOn} ở sau ngày hôm nay`, en: `The end date ${endedOn} is in the future` },
    });
  }
  if (reason === 'PERIOD_COMPLETED') {
    if (m.periodEndsOn === null) {
      problems.push({
        field: 'reason',
        text: {
          vi: 'Chưa có quyết định quản lý nên không thể kết thúc vì hết thời hạn',
          en: 'Without a management decision there is no period to complete',
        },
      });
    } else if (endedOn < m.periodEndsOn) {
      problems.push({
        field: 'endedOn',
        text: {
          vi: `Thời hạn quản lý đến ngày ${m.periodEndsOn}; kết thúc sớm hơn phải nêu lý do khác`,
          en: `The management period runs until ${m.periodEndsOn}; ending earlier needs another reason`,
        },
      });
    }
  }
  return problems;
}
