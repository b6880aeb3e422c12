import { addDays, addMonths, todayInHanoi } from '@rehab/shared-schema';
import type { InputProblem } from './drug-user-management';
import { deadlineAfter, type RuleDuration } from './legal-time';
import { NOTICE_ACTIONS, NOTICE_STATES, type NoticeAction, type NoticeState } from './notices';
import { stateMachine } from './state-machine';

/** Law 120/2025 duties (from 1 July 2026): pure rules of declarations, summonses, monitoring and moves. */
export const SUMMONS_OUTCOMES = ['APPEARED', 'DID_NOT_APPEAR'] as const;
export type SummonsOutcome = (typeof SUMMONS_OUTCOMES)[number];
export const MONITORING_BASES = ['VOLUNTARY_HOME_COMMUNITY_REHAB', 'SUBSTITUTION_TREATMENT', 'POST_REHAB_MANAGEMENT'] as const;
export type MonitoringBasis = (typeof MONITORING_BASES)[number];
export const MONITORING_ORDER_STATUSES = ['ORDERED', 'ENDED_EARLY'] as const;
export type MonitoringOrderStatus = (typeof MONITORING_ORDER_STATUSES)[number];
export const DEVICE_EVENT_KINDS = ['TAMPER', 'FAULT', 'FAULT_CLEARED'] as const;
export type DeviceEventKind = (typeof DEVICE_EVENT_KINDS)[number];
export type MovePresentationStatus = 'NOT_REQUIRED' | 'AWAITING' | 'ON_TIME' | 'LATE' | 'MISSING';

/** The longest appearance delay of a summons after its date (an input bound, not a rule of law). */
export const MAX_SUMMONS_DAYS = 30;
/** The longest monitoring period accepted (an input bound: the longest rehab term of Law 120 is 36 months). */
export const MAX_MONITORING_MONTHS = 36;

/** The calendar date in Hà Nội of an instant. */
export const hanoiDate = (instant: Date): string => todayInHanoi(instant);

/** Only a move's date is known: its 24-hour deadlines run from the end of that day in Hà Nội (UTC+7). */
export function endOfMoveDay(movedOn: string): Date {
  return new Date(`${addDays(movedOn, 1)}T00:00:00+07:00`);
}

/** A deadline of a move under `rule` (in force on the move date); none when no rule was. */
export function moveDeadline(movedOn: string, rule: RuleDuration | null): Date | null {
  return rule ? deadlineAfter(endOfMoveDay(movedOn), rule) : null;
}

/** The move was recorded (the file passed on) after the hand-over deadline. */
export function wasRecordedLate(notice: { sentAt: Date; dueAt: Date | null }): boolean {
  return notice.dueAt !== null && notice.sentAt.getTime() > notice.dueAt.getTime();
}

export function presentationStatus(
  n: { presentationDueAt: Date | null; presentedAt: Date | null },
  asOf: Date,
): MovePresentationStatus {
  if (n.presentationDueAt === null) return 'NOT_REQUIRED';
  const due = n.presentationDueAt.getTime();
  if (n.presentedAt) return n.presentedAt.getTime() > due ? 'LATE' : 'ON_TIME';
  return asOf.getTime() > due ? 'MISSING' : 'AWAITING';
}

const problem = (field: string, vi: string, en: string): InputProblem => ({ field, text: { vi, en } });

function textProblem(field: string, value: string, max: number, vi: string, en: string): InputProblem[] {
  const trimmed = value.trim();
  return trimmed === '' || trimmed.length > max
    ? [problem(field, `${vi} phải có từ 1 đến ${max} ký tự`, `${en} must have 1 to ${max} characters`)]
    : [];
}

function futureProblem(field: string, date: string, today: string, vi: string, en: string): InputProblem[] {
  return date > today ? [problem(field, `${vi} ${date} ở sau ngày hôm nay`, `${en} ${date} is in the future`)] : [];
}

export interface DeclarationInput {
  declaredOn: string;
  substances: readonly string[];
  source: string;
}

export function declarationProblems(input: DeclarationInput, today: string): InputProblem[] {
  return [
    ...futureProblem('declaredOn', input.declaredOn, today, 'Ngày khai báo', 'The declaration date'),
    ...(input.substances.length === 0 || new Set(input.substances).size !== input.substances.length
      ? [
          problem(
            'substances',
            'Phải khai ít nhất một nhóm chất, không lặp lại',
            'Declare at least one substance class, each once',
          ),
        ]
      : []),
    ...textProblem('source', input.source, 500, 'Nguồn gốc chất ma túy', 'The source'),
  ];
}

export interface SummonsInput {
  summonedOn: string;
  appearOn: string;
  reason: string;
}

export function summonsProblems(input: SummonsInput, today: string): InputProblem[] {
  const latest = addDays(input.summonedOn, MAX_SUMMONS_DAYS);
  return [
    ...futureProblem('summonedOn', input.summonedOn, today, 'Ngày triệu tập', 'The summons date'),
    ...(input.appearOn < input.summonedOn || input.appearOn > latest
      ? [
          problem(
            'appearOn',
            `Ngày có mặt ${input.appearOn} phải từ ngày triệu tập ${input.summonedOn} đến ${latest}`,
            `The appearance date ${input.appearOn} must be from the summons date ${input.summonedOn} to ${latest}`,
          ),
        ]
      : []),
    ...textProblem('reason', input.reason, 500, 'Lý do triệu tập', 'The reason'),
  ];
}

export function outcomeProblems(
  s: { summonedOn: string; appearOn: string },
  outcome: SummonsOutcome,
  note: string | null,
  today: string,
): InputProblem[] {
  return [
    ...(outcome === 'DID_NOT_APPEAR' && today < s.appearOn
      ? [problem('outcome', `Chưa đến ngày phải có mặt ${s.appearOn}`, `The appearance date ${s.appearOn} has not come yet`)]
      : []),
    ...(outcome === 'APPEARED' && today < s.summonedOn
      ? [problem('outcome', `Chưa đến ngày triệu tập ${s.summonedOn}`, `The summons date ${s.summonedOn} has not come yet`)]
      : []),
    ...(note !== null && note.length > 1000
      ? [problem('note', 'Ghi chú dài quá 1000 ký tự', 'The note is longer than 1000 characters')]
      : []),
  ];
}

export interface OrderInput {
  orderedOn: string;
  basisReference: string;
  deviceId: string;
  startsOn: string;
  endsOn: string;
}

export function orderProblems(input: OrderInput, today: string): InputProblem[] {
  const latest = addMonths(input.startsOn, MAX_MONITORING_MONTHS);
  return [
    ...futureProblem('orderedOn', input.orderedOn, today, 'Ngày quyết định', 'The order date'),
    ...textProblem('basisReference', input.basisReference, 200, 'Số hiệu căn cứ', 'The basis reference'),
    ...textProblem('deviceId', input.deviceId, 64, 'Mã thiết bị', 'The device id'),
    ...(input.startsOn < input.orderedOn
      ? [
          problem(
            'startsOn',
            `Ngày bắt đầu ${input.startsOn} ở trước ngày quyết định ${input.orderedOn}`,
            `The start date ${input.startsOn} is before the order date ${input.orderedOn}`,
          ),
        ]
      : []),
    ...(input.endsOn <= input.startsOn || input.endsOn > latest
      ? [
          problem(
            'endsOn',
            `Ngày kết thúc ${input.endsOn} phải sau ngày bắt đầu ${input.startsOn} và không quá ${latest}`,
            `The end date ${input.endsOn} must be after the start date ${input.startsOn} and no later than ${latest}`,
          ),
        ]
      : []),
  ];
}

export function endOrderProblems(
  o: { orderedOn: string; endsOn: string },
  endedOn: string,
  reason: string,
  today: string,
): InputProblem[] {
  return [
    ...futureProblem('endedOn', endedOn, today, 'Ngày chấm dứt', 'The end date'),
    ...(endedOn < o.orderedOn || endedOn >= o.endsOn
      ? [
          problem(
            'endedOn',
            `Ngày chấm dứt ${endedOn} phải từ ngày quyết định ${o.orderedOn} đến trước ngày kết thúc ${o.endsOn}`,
            `The end date ${endedOn} must be from the order date ${o.orderedOn} and before the period's end ${o.endsOn}`,
          ),
        ]
      : []),
    ...textProblem('reason', reason, 500, 'Lý do chấm dứt', 'The reason'),
  ];
}

/** A device event must fall within the order's period (Hà Nội dates) and not in the future. */
export function eventProblems(
  o: { startsOn: string; endsOn: string },
  eventId: string,
  occurredAt: Date,
  now: Date,
): InputProblem[] {
  const day = hanoiDate(occurredAt);
  return [
    ...textProblem('eventId', eventId, 100, 'Mã sự kiện', 'The event id'),
    ...(occurredAt.getTime() > now.getTime()
      ? [
          problem(
            'occurredAt',
            `Thời điểm sự kiện ${occurredAt.toISOString()} ở sau thời điểm hiện tại`,
            `The event time ${occurredAt.toISOString()} is in the future`,
          ),
        ]
      : []),
    ...(day < o.startsOn || day > o.endsOn
      ? [
          problem(
            'occurredAt',
            `Sự kiện ngày ${day} nằm ngoài thời hạn giám sát ${o.startsOn} – ${o.endsOn}`,
            `The event of ${day} is outside the monitoring period ${o.startsOn} to ${o.endsOn}`,
          ),
        ]
      : []),
  ];
}

export const summonsMachine = stateMachine<'AWAITING' | 'RECORDED', 'RECORD_OUTCOME'>(
  ['AWAITING', 'RECORDED'],
  ['RECORD_OUTCOME'],
  { AWAITING: { RECORD_OUTCOME: 'RECORDED' }, RECORDED: {} },
  {
    entity: { vi: 'giấy triệu tập', en: 'summons' },
    states: {
      AWAITING: { vi: 'chờ kết quả', en: 'awaiting its outcome' },
      RECORDED: { vi: 'đã ghi kết quả', en: 'already recorded' },
    },
    actions: { RECORD_OUTCOME: { vi: 'ghi kết quả triệu tập', en: 'record the outcome' } },
  },
);

export const orderMachine = stateMachine<MonitoringOrderStatus, 'END' | 'REPORT_EVENT'>(
  MONITORING_ORDER_STATUSES,
  ['END', 'REPORT_EVENT'],
  { ORDERED: { END: 'ENDED_EARLY', REPORT_EVENT: 'ORDERED' }, ENDED_EARLY: {} },
  {
    entity: { vi: 'quyết định giám sát điện tử', en: 'electronic monitoring order' },
    states: { ORDERED: { vi: 'đang có hiệu lực', en: 'in force' }, ENDED_EARLY: { vi: 'đã chấm dứt', en: 'ended' } },
    actions: {
      END: { vi: 'chấm dứt giám sát', en: 'end the monitoring' },
      REPORT_EVENT: { vi: 'ghi nhận sự kiện thiết bị', en: 'record a device event' },
    },
  },
);

export const presentationMachine = stateMachine<'AWAITING' | 'PRESENTED', 'PRESENT'>(
  ['AWAITING', 'PRESENTED'],
  ['PRESENT'],
  { AWAITING: { PRESENT: 'PRESENTED' }, PRESENTED: {} },
  {
    entity: { vi: 'việc trình diện sau khi chuyển nơi cư trú', en: 'presentation after the move' },
    states: { AWAITING: { vi: 'chờ trình diện', en: 'awaiting' }, PRESENTED: { vi: 'đã trình diện', en: 'already recorded' } },
    actions: { PRESENT: { vi: 'ghi nhận trình diện', en: 'record the presentation' } },
  },
);

export const alertMachine = stateMachine<NoticeState, NoticeAction>(
  NOTICE_STATES,
  NOTICE_ACTIONS,
  { AWAITING: { ACKNOWLEDGE: 'ACKNOWLEDGED' }, ACKNOWLEDGED: {} },
  {
    entity: { vi: 'cảnh báo thiết bị giám sát', en: 'monitoring alert' },
    states: {
      AWAITING: { vi: 'chờ tiếp nhận', en: 'awaiting acknowledgement' },
      ACKNOWLEDGED: { vi: 'đã tiếp nhận', en: 'acknowledged' },
    },
    actions: { ACKNOWLEDGE: { vi: 'xác nhận tiếp nhận', en: 'acknowledge it' } },
  },
);

/** A presentation is at or after the start of the move day (Hà Nội) and not in the future. */
export function presentationProblems(movedOn: string, presentedAt: Date, now: Date): InputProblem[] {
  if (Number.isNaN(presentedAt.getTime())) return [problem('presentedAt', 'Thời điểm không hợp lệ', 'Invalid time')];
  return [
    ...(hanoiDate(presentedAt) < movedOn
      ? [
          problem(
            'presentedAt',
            `Thời điểm trình diện ở trước ngày chuyển đến ${movedOn}`,
            `The presentation is before the move date ${movedOn}`,
          ),
        ]
      : []),
    ...(presentedAt.getTime() > now.getTime()
      ? [problem('presentedAt', 'Thời điểm trình diện ở sau thời điểm hiện tại', 'The presentation time is in the future')]
      : []),
  ];
}
