import { stateMachine } from './state-machine';
import type { InputProblem } from './drug-user-management';

/**
 * Truy tìm: opened by the facility's notice of an escape or an overdue leave; the police
 * record the person found; the facility's notice of the return closes it (also straight
 * from OPEN when the person came back by themselves).
 */
export const SEARCH_STATUSES = ['OPEN', 'FOUND', 'CLOSED'] as const;
export type SearchStatus = (typeof SEARCH_STATUSES)[number];

export const SEARCH_ACTIONS = ['RECORD_FOUND', 'RECORD_RETURN'] as const;
export type SearchAction = (typeof SEARCH_ACTIONS)[number];

export const ABSCONDER_REASONS = ['ESCAPED', 'LEAVE_OVERDUE'] as const;
export type AbsconderReason = (typeof ABSCONDER_REASONS)[number];

export const searchMachine = stateMachine<SearchStatus, SearchAction>(
  SEARCH_STATUSES,
  SEARCH_ACTIONS,
  {
    OPEN: { RECORD_FOUND: 'FOUND', RECORD_RETURN: 'CLOSED' },
    FOUND: { RECORD_RETURN: 'CLOSED' },
    CLOSED: {},
  },
  {
    entity: { vi: 'vụ truy tìm', en: 'absconder search' },
    states: {
      OPEN: { vi: 'đang truy tìm', en: 'open' },
      FOUND: { vi: 'đã tìm thấy, chờ đưa trở lại cơ sở', en: 'found, awaiting the return' },
      CLOSED: { vi: 'đã kết thúc', en: 'closed' },
    },
    actions: {
      RECORD_FOUND: { vi: 'ghi nhận đã tìm thấy', en: 'record the person found' },
      RECORD_RETURN: { vi: 'ghi nhận đã trở lại cơ sở', en: 'record the return to the facility' },
    },
  },
);

export function foundProblems(since: string, foundOn: string, note: string, today: string): InputProblem[] {
  const problems: InputProblem[] = [];
  if (foundOn < since) {
    problems.push({
      field: 'foundOn',
      text: {
        vi: `Ngày tìm thấy ${foundOn} ở trước ngày bỏ trốn ${since}`,
        en: `The date found ${foundOn} is before the absconding date ${since}`,
      },
    });
  }
  if (foundOn > today) {
    problems.push({
      field: 'foundOn',
      text: { vi: `Ngày tìm thấy ${foundOn} ở sau ngày hôm nay`, en: `The date found ${foundOn} is in the future` },
    });
  }
  if (note.trim() === '' || note.length > 1000) {
    problems.push({
      field: 'note',
      text: { vi: 'Ghi chú phải có từ 1 đến 1000 ký tự', en: 'The note must have 1 to 1000 characters' },
    });
  }
  return problems;
}
