import { badCursor, cursorParts, encodeCursor, expandWithin, isIsoDate, ownedRoots, pageSize } from '@rehab/server-kit';
import { isUuid, unitByCode, type IndicatorValueKey } from '@rehab/shared-schema';
import type { Context } from '../context';
import type { IndicatorRecordConnectionView, IndicatorRecordView } from './views';

/**
 * The records behind each number labour-welfare measures: one SELECT per indicator
 * giving id, person_id, date, unit path and a description without names. `:from`, `:to`
 * and `WITHIN(col[, person])` (the unit's subtrees across a reform) are bound by recordsPage.
 */
const EPISODE_IN = '(WITHIN(x.facility_owner_path) OR WITHIN(x.residence_owner_path, x.person_id))';
const KIND_VI = `CASE x.kind WHEN 'COMPULSORY' THEN 'cai nghiện bắt buộc' WHEN 'VOLUNTARY_FACILITY' THEN 'cai nghiện tự nguyện tại cơ sở'
  ELSE 'cai nghiện tự nguyện tại gia đình, cộng đồng' END`;
const AT_FACILITY = `coalesce(' tại ' || x.facility_code, '')`;
const SUPPORT_VI = `CASE x.kind WHEN 'LOAN' THEN 'Hỗ trợ vay vốn' WHEN 'VOCATIONAL_TRAINING' THEN 'Hỗ trợ dạy nghề' ELSE 'Giới thiệu việc làm' END`;

const support = (kind: string | null) => `SELECT x.id, x.person_id, x.started_on AS date, x.owner_unit_path AS path,
  ${SUPPORT_VI} || ' (' || x.provider || ')' AS description FROM reintegration_support x
  WHERE x.started_on BETWEEN :from AND :to AND WITHIN(x.owner_unit_path, x.person_id)${kind ? ` AND x.kind = '${kind}'` : ''}`;

const admissions = (
  kind: string,
) => `SELECT x.id, x.person_id, x.admitted_on AS date, coalesce(x.facility_owner_path, x.residence_owner_path) AS path,
    'Tiếp nhận ' || ${KIND_VI} || ${AT_FACILITY} AS description
    FROM rehab_episode x WHERE ${kind} AND x.admitted_on BETWEEN :from AND :to AND ${EPISODE_IN}`;
const OVERLAPS = 'x.admitted_on <= :to AND coalesce(x.ended_on, :to) >= :from';
const SETTING_VI = `CASE x.community_setting WHEN 'REHAB_HOUSE' THEN ' tại cơ sở, điểm cai nghiện ở cộng đồng'
  WHEN 'HOME' THEN ' tại gia đình' ELSE '' END`;
const inRehab = (
  kind: string,
) => `SELECT x.id, x.person_id, x.admitted_on AS date, coalesce(x.facility_owner_path, x.residence_owner_path) AS path,
    'Đang ' || ${KIND_VI} || ${AT_FACILITY} || ' trong kỳ, trạng thái ' || x.status AS description
    FROM rehab_episode x WHERE x.kind = '${kind}' AND ${OVERLAPS} AND ${EPISODE_IN}`;
const inCommunity = (setting: string | null) => `SELECT x.id, x.person_id, x.admitted_on AS date, x.residence_owner_path AS path,
    'Đang cai nghiện tự nguyện tại gia đình, cộng đồng' || ${SETTING_VI} || ' trong kỳ, trạng thái ' || x.status AS description
    FROM rehab_episode x WHERE x.kind = 'VOLUNTARY_COMMUNITY' AND ${OVERLAPS} AND WITHIN(x.residence_owner_path, x.person_id)${
      setting ? ` AND x.community_setting = '${setting}'` : ''
    }`;

const RECORDS: Readonly<Record<string, string>> = {
  COMPULSORY_DOSSIERS: `SELECT x.id, x.person_id, x.started_on AS date, x.owner_unit_path AS path,
    'Hồ sơ đề nghị cai nghiện bắt buộc, trạng thái ' || x.status AS description
    FROM compulsory_rehab_dossier x WHERE x.started_on BETWEEN :from AND :to AND WITHIN(x.owner_unit_path, x.person_id)`,
  // The person-distinct admissions list their episodes, like their person-time twins.
  FACILITY_ADMISSIONS: admissions("x.kind = 'COMPULSORY'"),
  FACILITY_ADMISSIONS_PERSON_TIMES: admissions("x.kind = 'COMPULSORY'"),
  VOLUNTARY_MOBILISED: admissions("x.kind <> 'COMPULSORY'"),
  VOLUNTARY_MOBILISED_PERSON_TIMES: admissions("x.kind <> 'COMPULSORY'"),
  FACILITY_REHAB_COMPULSORY: inRehab('COMPULSORY'),
  FACILITY_REHAB_VOLUNTARY: inRehab('VOLUNTARY_FACILITY'),
  COMMUNITY_REHAB: inCommunity(null),
  COMMUNITY_REHAB_HOUSE: inCommunity('REHAB_HOUSE'),
  COMMUNITY_REHAB_HOME: inCommunity('HOME'),
  FACILITY_VOCATIONAL_TRAINING: `SELECT x.id, x.person_id, coalesce(x.phase_since, x.admitted_on) AS date, x.facility_owner_path AS path,
    'Học viên giai đoạn ' || coalesce(x.phase, x.status) || ${AT_FACILITY} AS description
    FROM rehab_episode x WHERE x.facility_code IS NOT NULL AND x.admitted_on <= :to AND coalesce(x.ended_on, :to) >= :from
      AND (x.phase IN ('VOCATIONAL_LABOUR_THERAPY', 'REINTEGRATION_PREPARATION') OR x.status = 'COMPLETED') AND ${EPISODE_IN}`,
  POST_REHAB_MANAGEMENT: `SELECT x.id, x.person_id, x.decision_on AS date, x.owner_unit_path AS path,
    'Quyết định quản lý sau cai nghiện, trạng thái ' || x.status AS description
    FROM post_rehab_case x WHERE x.decision_on BETWEEN :from AND :to AND WITHIN(x.owner_unit_path, x.person_id)`,
  COMPLETIONS_UNDER_MANAGEMENT_SHARE: `SELECT x.id, x.person_id, x.ended_on AS date, x.residence_owner_path AS path,
    'Hoàn thành cai nghiện; ' || CASE WHEN c.decision_on IS NULL THEN 'chưa có quyết định quản lý sau cai nghiện'
      ELSE 'đã có quyết định quản lý sau cai nghiện' END AS description
    FROM rehab_episode x LEFT JOIN post_rehab_case c ON c.episode_id = x.id
    WHERE x.status = 'COMPLETED' AND x.ended_on BETWEEN :from AND :to AND WITHIN(x.residence_owner_path, x.person_id)`,
  REINTEGRATION_SUPPORT: support(null),
  LOANS: support('LOAN'),
  VOCATIONAL_TRAINING: support('VOCATIONAL_TRAINING'),
  JOB_PLACEMENT: support('JOB_PLACEMENT'),
  RELAPSE_RATE: `SELECT x.id, x.person_id, coalesce(CASE WHEN x.relapsed_on BETWEEN :from AND :to THEN x.relapsed_on END, x.decision_on) AS date,
    x.owner_unit_path AS path,
    CASE WHEN x.relapsed_on BETWEEN :from AND :to THEN 'Tái nghiện trong kỳ' ELSE 'Được quản lý sau cai nghiện trong kỳ' END AS description
    FROM post_rehab_case x WHERE x.decision_on <= :to AND coalesce(x.relapsed_on, x.completed_on, :to) >= :from AND WITHIN(x.owner_unit_path, x.person_id)`,
  DRUG_USE_DURING_POST_REHAB_RATE: `SELECT x.id, x.person_id, coalesce(u.used_on, x.decision_on) AS date, x.owner_unit_path AS path,
    CASE WHEN u.used_on IS NOT NULL THEN 'Sử dụng trái phép chất ma túy trong kỳ (chưa tái nghiện)'
      ELSE 'Được quản lý sau cai nghiện trong kỳ' END AS description
    FROM post_rehab_case x LEFT JOIN LATERAL (SELECT max(d.used_on) AS used_on FROM post_rehab_drug_use d
      WHERE d.case_id = x.id AND d.used_on BETWEEN :from AND :to) u ON true
    WHERE x.decision_on <= :to AND coalesce(x.relapsed_on, x.completed_on, :to) >= :from AND WITHIN(x.owner_unit_path, x.person_id)`,
};

/** The (date, id) a page ends on, from the cursor (BAD_USER_INPUT when it was not made here). */
function cursorOf(after: string): [string, string] {
  const [date, id] = cursorParts(after, 2) as [string, string];
  if (!isIsoDate(date) || !isUuid(id)) throw badCursor();
  return [date, id];
}

interface RecordRow {
  id: string;
  person_id: string;
  date: string;
  path: string;
  description: string;
  total: number;
  /** Records of the same month and unit (coarse pages only). */
  cell: number | null;
}

/** Whether labour-welfare can list the records of an indicator. */
export const hasRecords = (code: string): boolean => RECORDS[code] !== undefined;

/** Coarse rows (analysts): the month instead of the day, and a window count of the rows sharing month and unit. */
const coarseRows = (
  body: string,
): string => `SELECT q.id, q.person_id, date_trunc('month', q.date)::date AS date, q.path, q.description,
  count(*) OVER (PARTITION BY date_trunc('month', q.date), q.path)::int AS cell FROM (${body}) q`;
const exactRows = (body: string): string => `SELECT q.*, NULL::int AS cell FROM (${body}) q`;

/**
 * A coarse row names its facility only when at least `threshold` rows share its month and
 * facility; otherwise the row is placed at the requested unit and its description loses the
 * facility ("Tiếp nhận … tại CSCN1" → "Tiếp nhận …").
 */
function view(r: RecordRow, key: IndicatorValueKey, threshold: number): IndicatorRecordView {
  const unitCode = r.path.slice(r.path.lastIndexOf('.') + 1);
  const base = { id: r.id, personId: r.person_id, date: r.date, description: r.description, unitCode };
  if (r.cell === null) return { ...base, datePrecision: 'DAY' };
  const singles = r.cell < threshold && unitByCode(unitCode)?.level === 'FACILITY';
  if (!singles) return { ...base, datePrecision: 'MONTH' };
  return { ...base, datePrecision: 'MONTH', unitCode: key.unit.code, description: r.description.replace(` tại ${unitCode}`, '') };
}

export interface RecordsOptions {
  /** Month instead of day, facility only where it does not single a person out (analysts). */
  coarse: boolean;
  threshold: number;
}

/** One page of the records behind a number, by date then id: one statement (the total rides along as a window). */
export async function recordsPage(
  ctx: Context,
  key: IndicatorValueKey,
  first: number | null | undefined,
  after: string | null | undefined,
  options: RecordsOptions,
): Promise<IndicatorRecordConnectionView> {
  const size = pageSize(first, 50);
  const source = RECORDS[key.indicator.code] as string;
  const params: unknown[] = [key.period.from, key.period.to, ownedRoots(key.unit.path)];
  const raw = expandWithin(source.replace(/:from/g, '$1::date').replace(/:to/g, '$2::date'), '$3::text[]');
  const body = options.coarse ? coarseRows(raw) : exactRows(raw);
  let where = '';
  if (after) {
    const [date, id] = cursorOf(after);
    params.push(date, id);
    where = 'WHERE (s.date, s.id) > ($4::date, $5::uuid)';
  }
  params.push(size + 1);
  const rows = await ctx.db.query<RecordRow[]>(
    `SELECT s.id, s.person_id, to_char(s.date, 'YYYY-MM-DD') AS date, s.path, s.description, s.total, s.cell
    FROM (SELECT q.*, count(*) OVER ()::int AS total FROM (${body}) q) s ${where} ORDER BY s.date, s.id LIMIT $${params.length}`,
    params,
  );
  const totalCount = rows[0]?.total ?? (after ? await countAll(ctx, body, params.slice(0, 3)) : 0);
  const nodes = rows.slice(0, size).map((r) => view(r, key, options.threshold));
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount,
    hasNextPage: rows.length > size,
    endCursor: last ? encodeCursor(JSON.stringify([last.date, last.id])) : null,
  };
}

async function countAll(ctx: Context, body: string, params: unknown[]): Promise<number> {
  const [row] = await ctx.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${body}) q`, params);
  return row?.n ?? 0;
}
