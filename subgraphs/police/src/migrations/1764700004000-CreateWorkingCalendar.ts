import type { MigrationInterface, QueryRunner } from 'typeorm';

const LABOUR_CODE = 'Bộ luật Lao động 2019 (45/2019/QH14), Điều 111–112 (ngày lễ, Tết; nghỉ bù khi trùng ngày nghỉ hằng tuần)';
const YEARLY_NOTICE =
  'Thông báo lịch nghỉ lễ, Tết hằng năm đối với cán bộ, công chức, viên chức của Bộ Lao động - Thương binh và Xã hội (nghỉ bù, hoán đổi ngày làm việc)';

type Day = readonly [day: string, working: boolean, nameVi: string, nameEn: string, source: string];

const off = (day: string, nameVi: string, nameEn: string, source = YEARLY_NOTICE): Day => [day, false, nameVi, nameEn, source];
const swappedSaturday = (day: string, forDay: string): Day => [
  day,
  true,
  `Làm việc bù cho ngày nghỉ hoán đổi ${forDay}`,
  `Working Saturday swapped for ${forDay}`,
  YEARLY_NOTICE,
];
const tet = (days: readonly string[], year: string): Day[] =>
  days.map((d) => off(d, `Tết Nguyên đán ${year}`, `Lunar New Year ${year}`));

/**
 * Exceptions to the Monday–Friday week of state offices, for the years the demo covers:
 * weekdays off (public holidays, compensatory days, days swapped with a Saturday) and
 * Saturdays worked in exchange. 2022–2025 follow the published yearly arrangements. For
 * 2026 and 2027 only the holidays fixed by the solar calendar are loaded (1 January,
 * 30 April, 1 May, 2 September, and the compensatory day the Labour Code gives when one
 * falls on a weekend): the Tết days, the Hùng Kings day, the second National Day day and
 * any swap are set each year and are not loaded rather than guessed; a later migration
 * adds them.
 */
const DAYS: readonly Day[] = [
  off('2022-01-03', 'Nghỉ bù Tết Dương lịch (01/01 rơi vào thứ Bảy)', "Compensatory day for New Year's Day"),
  ...tet(['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04'], 'Nhâm Dần'),
  off(
    '2022-04-11',
    'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật)',
    "Compensatory day for Hùng Kings' Commemoration",
  ),
  off('2022-05-02', 'Nghỉ bù ngày 30/4 (thứ Bảy)', 'Compensatory day for 30 April'),
  off('2022-05-03', 'Nghỉ bù ngày 01/5 (Chủ nhật)', 'Compensatory day for 1 May'),
  off('2022-09-01', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'),
  off('2022-09-02', 'Quốc khánh', 'National Day', LABOUR_CODE),

  off('2023-01-02', 'Nghỉ bù Tết Dương lịch (01/01 rơi vào Chủ nhật)', "Compensatory day for New Year's Day"),
  ...tet(['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26'], 'Quý Mão'),
  off('2023-05-01', 'Ngày Quốc tế lao động', "International Workers' Day", LABOUR_CODE),
  off('2023-05-02', 'Nghỉ bù Giỗ Tổ Hùng Vương (thứ Bảy 29/4)', "Compensatory day for Hùng Kings' Commemoration"),
  off('2023-05-03', 'Nghỉ bù ngày 30/4 (Chủ nhật)', 'Compensatory day for 30 April'),
  off('2023-09-01', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'),
  off('2023-09-04', 'Nghỉ bù Quốc khánh (02/9 rơi vào thứ Bảy)', 'Compensatory day for National Day'),

  off('2024-01-01', 'Tết Dương lịch', "New Year's Day", LABOUR_CODE),
  ...tet(['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'], 'Giáp Thìn'),
  off('2024-04-18', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hùng Kings' Commemoration"),
  off('2024-04-29', 'Nghỉ hoán đổi (làm bù thứ Bảy 04/5)', 'Day off swapped with Saturday 4 May'),
  off('2024-04-30', 'Ngày Chiến thắng', 'Reunification Day', LABOUR_CODE),
  off('2024-05-01', 'Ngày Quốc tế lao động', "International Workers' Day", LABOUR_CODE),
  swappedSaturday('2024-05-04', '29/4/2024'),
  off('2024-09-02', 'Quốc khánh', 'National Day', LABOUR_CODE),
  off('2024-09-03', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'),

  off('2025-01-01', 'Tết Dương lịch', "New Year's Day", LABOUR_CODE),
  off('2025-01-27', 'Nghỉ hoán đổi Tết (làm bù thứ Bảy 08/02)', 'Lunar New Year day off swapped with Saturday 8 February'),
  ...tet(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'], 'Ất Tỵ'),
  swappedSaturday('2025-02-08', '27/01/2025'),
  off('2025-04-07', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hùng Kings' Commemoration"),
  swappedSaturday('2025-04-26', '02/5/2025'),
  off('2025-04-30', 'Ngày Chiến thắng', 'Reunification Day', LABOUR_CODE),
  off('2025-05-01', 'Ngày Quốc tế lao động', "International Workers' Day", LABOUR_CODE),
  off('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)', 'Day off swapped with Saturday 26 April'),
  off('2025-09-01', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'),
  off('2025-09-02', 'Quốc khánh', 'National Day', LABOUR_CODE),

  off('2026-01-01', 'Tết Dương lịch', "New Year's Day", LABOUR_CODE),
  off('2026-04-30', 'Ngày Chiến thắng', 'Reunification Day', LABOUR_CODE),
  off('2026-05-01', 'Ngày Quốc tế lao động', "International Workers' Day", LABOUR_CODE),
  off('2026-09-02', 'Quốc khánh', 'National Day', LABOUR_CODE),

  off('2027-01-01', 'Tết Dương lịch', "New Year's Day", LABOUR_CODE),
  off('2027-04-30', 'Ngày Chiến thắng', 'Reunification Day', LABOUR_CODE),
  off('2027-05-03', 'Nghỉ bù ngày 01/5 (thứ Bảy)', 'Compensatory day for 1 May', LABOUR_CODE),
  off('2027-09-02', 'Quốc khánh', 'National Day', LABOUR_CODE),
];

/** The working calendar of state offices (Monday–Friday, with these exceptions): deadlines in working days count on it. */
export class CreateWorkingCalendar1764700004000 implements MigrationInterface {
  name = 'CreateWorkingCalendar1764700004000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE working_calendar_exception (
      day date PRIMARY KEY,
      working boolean NOT NULL,
      name_vi varchar(200) NOT NULL,
      name_en varchar(200) NOT NULL,
      source varchar(400) NOT NULL)`);
    for (const [day, working, nameVi, nameEn, source] of DAYS) {
      await runner.query(
        'INSERT INTO working_calendar_exception (day, working, name_vi, name_en, source) VALUES ($1, $2, $3, $4, $5)',
        [day, working, nameVi, nameEn, source],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE working_calendar_exception');
  }
}
