import type { SubgraphName } from '../registry';

/** COUNT: a number of people or records; SHARE: numerator / denominator (0..1). */
export type IndicatorMeasureKind = 'COUNT' | 'SHARE';

/** Which table of a plan carries the indicator's targets (appendix I: districts, II: facilities). */
export type PlanTableKind = 'DISTRICT' | 'FACILITY';

export interface LocalizedText {
  vi: string;
  en: string;
}

export interface IndicatorDefinitionRecord {
  code: string;
  name: LocalizedText;
  /** What is counted, from which records, in which period. */
  definition: LocalizedText;
  measure: IndicatorMeasureKind;
  /** The agency whose records are counted (vi, en). */
  owner: LocalizedText;
  /** The subgraph that measures it (reads its own records). */
  measuredBy: SubgraphName;
  /** The plan table whose column sets its target, when a plan sets one. */
  table: PlanTableKind | null;
  /** Counted by facility (facility units) as well as by residence. */
  byFacility: boolean;
}

const LABOUR: LocalizedText = { vi: 'Lao động - Thương binh và Xã hội', en: 'Labour, Invalids and Social Affairs' };
const HEALTH: LocalizedText = { vi: 'Y tế', en: 'Health' };
const POLICE: LocalizedText = {
  vi: 'Công an (với Lao động - TB&XH, Y tế, Đoàn thể)',
  en: 'Police (with Labour, Health, mass organisations)',
};

type Spec = Omit<IndicatorDefinitionRecord, 'byFacility' | 'table'> &
  Partial<Pick<IndicatorDefinitionRecord, 'byFacility' | 'table'>>;

const def = (spec: Spec): IndicatorDefinitionRecord => ({ table: null, byFacility: false, ...spec });

const PERIOD_VI = 'trong kỳ báo cáo';
const PERIOD_EN = 'in the reporting period';
const RESIDENCE_VI = 'theo xã nơi cư trú (cộng dồn lên huyện, thành phố)';
const RESIDENCE_EN = 'by commune of residence (summed up the unit tree)';

/**
 * The indicators of the plans (docs/domain.md, "Plans and indicators"), each with its written
 * definition. The order is the order of `indicatorDefinitions` and `indicators`.
 */
export const INDICATORS: readonly IndicatorDefinitionRecord[] = [
  def({
    code: 'RECORDS_IN_TREATMENT_SHARE',
    measure: 'SHARE',
    owner: POLICE,
    measuredBy: 'police',
    name: {
      vi: 'Tỷ lệ người có hồ sơ quản lý được tư vấn, điều trị, cai nghiện',
      en: 'Share of managed people receiving counselling, treatment or rehab',
    },
    definition: {
      vi: `Mẫu số: người có quyết định quản lý người sử dụng trái phép chất ma túy (Công an) còn hiệu lực ${PERIOD_VI}, ${RESIDENCE_VI}. Tử số: những người đó có đợt cai nghiện (Lao động - TB&XH), đang điều trị thay thế (Y tế) hoặc được tư vấn (Đoàn thể) ${PERIOD_VI}. Chỉ tiêu: trên 80%.`,
      en: `Denominator: people under a police drug-user management decision in force ${PERIOD_EN}, ${RESIDENCE_EN}. Numerator: those of them with a rehab episode (labour), substitution treatment (health) or a counselling visit (mass organisations) ${PERIOD_EN}. Target above 80%.`,
    },
  }),
  def({
    code: 'METHADONE_MAINTAINED',
    measure: 'COUNT',
    owner: HEALTH,
    measuredBy: 'health',
    name: { vi: 'Người được duy trì điều trị Methadone', en: 'People maintained on methadone' },
    definition: {
      vi: `Người bệnh điều trị thay thế (methadone, buprenorphine) đã nhận vào điều trị trước khi kỳ kết thúc và chưa ngừng trước khi kỳ bắt đầu, ${RESIDENCE_VI}.`,
      en: `Substitution-treatment patients (methadone, buprenorphine) enrolled before the period ends and not stopped before it starts, ${RESIDENCE_EN}.`,
    },
  }),
  def({
    code: 'METHADONE_MAINTENANCE_SHARE',
    measure: 'SHARE',
    owner: HEALTH,
    measuredBy: 'health',
    name: { vi: 'Tỷ lệ người bệnh đạt giai đoạn điều trị duy trì', en: 'Share of patients in the maintenance phase' },
    definition: {
      vi: 'Mẫu số: người bệnh của chỉ số "Người được duy trì điều trị Methadone". Tử số: những người có giai đoạn hiện tại là duy trì hoặc giảm liều (hệ thống lưu giai đoạn hiện tại, không lưu lịch sử giai đoạn). Chỉ tiêu tham khảo (Lào Cai): ít nhất 70%.',
      en: 'Denominator: the patients of "People maintained on methadone". Numerator: those whose current phase is maintenance or tapering (the system keeps the current phase, not a phase history). Reference target (Lào Cai): at least 70%.',
    },
  }),
  def({
    code: 'VOLUNTARY_MOBILISED',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    table: 'FACILITY',
    byFacility: true,
    name: { vi: 'Vận động cai nghiện tự nguyện', en: 'Voluntary rehab mobilised' },
    definition: {
      vi: `Đợt cai nghiện tự nguyện (tại cơ sở hoặc tại gia đình, cộng đồng) được tiếp nhận ${PERIOD_VI}; theo cơ sở cai nghiện và theo xã nơi cư trú.`,
      en: `Voluntary rehab episodes (at a facility or at home/community) admitted ${PERIOD_EN}; by facility and by commune of residence.`,
    },
  }),
  def({
    code: 'COMPULSORY_DOSSIERS',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    table: 'DISTRICT',
    name: { vi: 'Lập hồ sơ đề nghị cai nghiện bắt buộc', en: 'Compulsory-rehab dossiers compiled' },
    definition: {
      vi: `Hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc có ngày lập ${PERIOD_VI}, ${RESIDENCE_VI}.`,
      en: `Compulsory-rehab dossiers started ${PERIOD_EN}, ${RESIDENCE_EN}.`,
    },
  }),
  def({
    code: 'FACILITY_ADMISSIONS',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    table: 'FACILITY',
    byFacility: true,
    name: { vi: 'Tiếp nhận cai nghiện bắt buộc', en: 'Compulsory admissions' },
    definition: {
      vi: `Đợt cai nghiện bắt buộc được cơ sở tiếp nhận ${PERIOD_VI}; theo cơ sở cai nghiện và theo xã nơi cư trú.`,
      en: `Compulsory rehab episodes admitted by a facility ${PERIOD_EN}; by facility and by commune of residence.`,
    },
  }),
  def({
    code: 'FACILITY_VOCATIONAL_TRAINING',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    table: 'FACILITY',
    byFacility: true,
    name: { vi: 'Dạy nghề tại cơ sở cai nghiện', en: 'Vocational training at facilities' },
    definition: {
      vi: `Học viên có mặt tại cơ sở ${PERIOD_VI} đã vào giai đoạn dạy nghề, lao động trị liệu (hoặc giai đoạn sau, hoặc đã hoàn thành).`,
      en: `Residents of a facility during the period who reached the vocational-training/labour-therapy phase (or a later phase, or completed).`,
    },
  }),
  def({
    code: 'POST_REHAB_MANAGEMENT',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    table: 'DISTRICT',
    name: { vi: 'Quản lý sau cai nghiện', en: 'Placed under post-rehab management' },
    definition: {
      vi: `Người có quyết định quản lý sau cai nghiện tại nơi cư trú ban hành ${PERIOD_VI}, ${RESIDENCE_VI}.`,
      en: `People with a post-rehab management decision made ${PERIOD_EN}, ${RESIDENCE_EN}.`,
    },
  }),
  def({
    code: 'COMPLETIONS_UNDER_MANAGEMENT_SHARE',
    measure: 'SHARE',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: {
      vi: 'Tỷ lệ người hoàn thành cai nghiện được quản lý sau cai nghiện',
      en: 'Share of completions placed under post-rehab management',
    },
    definition: {
      vi: `Mẫu số: đợt cai nghiện hoàn thành ${PERIOD_VI}, ${RESIDENCE_VI}. Tử số: những đợt có quyết định quản lý sau cai nghiện (đến nay). Chỉ tiêu: 100%.`,
      en: `Denominator: rehab episodes completed ${PERIOD_EN}, ${RESIDENCE_EN}. Numerator: those with a post-rehab management decision (to date). Target 100%.`,
    },
  }),
  def({
    code: 'REINTEGRATION_SUPPORT',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    table: 'DISTRICT',
    name: { vi: 'Hỗ trợ hòa nhập cộng đồng', en: 'Reintegration support' },
    definition: {
      vi: `Người được hỗ trợ vay vốn, dạy nghề hoặc giới thiệu việc làm bắt đầu ${PERIOD_VI} (mỗi người tính một lần), ${RESIDENCE_VI}.`,
      en: `People given a loan, vocational training or a job placement starting ${PERIOD_EN} (each person once), ${RESIDENCE_EN}.`,
    },
  }),
  def({
    code: 'LOANS',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: { vi: 'Hỗ trợ vay vốn', en: 'Loans' },
    definition: {
      vi: `Người được hỗ trợ vay vốn bắt đầu ${PERIOD_VI}, ${RESIDENCE_VI}.`,
      en: `People given a loan starting ${PERIOD_EN}, ${RESIDENCE_EN}.`,
    },
  }),
  def({
    code: 'VOCATIONAL_TRAINING',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: { vi: 'Dạy nghề sau cai nghiện', en: 'Vocational training after rehab' },
    definition: {
      vi: `Người được hỗ trợ dạy nghề bắt đầu ${PERIOD_VI}, ${RESIDENCE_VI}.`,
      en: `People given vocational training starting ${PERIOD_EN}, ${RESIDENCE_EN}.`,
    },
  }),
  def({
    code: 'JOB_PLACEMENT',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: { vi: 'Giới thiệu việc làm', en: 'Job placements' },
    definition: {
      vi: `Người được giới thiệu việc làm bắt đầu ${PERIOD_VI}, ${RESIDENCE_VI}.`,
      en: `People given a job placement starting ${PERIOD_EN}, ${RESIDENCE_EN}.`,
    },
  }),
  def({
    code: 'POST_REHAB_MODELS_MAINTAINED',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    table: 'DISTRICT',
    name: { vi: 'Mô hình quản lý sau cai nghiện duy trì', en: 'Post-rehab models maintained' },
    definition: {
      vi: 'Mô hình quản lý sau cai nghiện (đội tình nguyện, câu lạc bộ B93, điểm tư vấn, tổ tự quản) của các xã, phường trong đơn vị, thành lập trước kỳ và còn hoạt động đến hết kỳ (hồ sơ mô hình của Lao động - TB&XH).',
      en: "Post-rehab models (volunteer teams, Club B93, counselling points, self-managed groups) of the communes in the unit set up before the period and still running at its end (labour's model records).",
    },
  }),
  def({
    code: 'POST_REHAB_MODELS_NEW',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    table: 'DISTRICT',
    name: { vi: 'Mô hình quản lý sau cai nghiện xây dựng mới', en: 'New post-rehab models' },
    definition: {
      vi: 'Mô hình quản lý sau cai nghiện của các xã, phường trong đơn vị được thành lập trong kỳ.',
      en: 'Post-rehab models of the communes in the unit set up during the period.',
    },
  }),
  def({
    code: 'POST_REHAB_MODELS_TOTAL',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    table: 'DISTRICT',
    name: { vi: 'Tổng số mô hình quản lý sau cai nghiện', en: 'Post-rehab models in total' },
    definition: {
      vi: 'Mô hình duy trì cộng mô hình mới trong kỳ (tổng bằng hai phần).',
      en: 'Models maintained plus models new in the period (the total equals its two parts).',
    },
  }),
  def({
    code: 'RELAPSE_RATE',
    measure: 'SHARE',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: { vi: 'Tỷ lệ tái nghiện', en: 'Relapse rate' },
    definition: {
      vi: `Mẫu số: người đang được quản lý sau cai nghiện vào một thời điểm ${PERIOD_VI}, ${RESIDENCE_VI}. Tử số: những người tái nghiện ${PERIOD_VI}.`,
      en: `Denominator: people under post-rehab management at some time ${PERIOD_EN}, ${RESIDENCE_EN}. Numerator: those who relapsed ${PERIOD_EN}.`,
    },
  }),
];

const BY_CODE = new Map(INDICATORS.map((i) => [i.code, i]));

export function indicatorByCode(code: string): IndicatorDefinitionRecord | undefined {
  return BY_CODE.get(code);
}

/** Indicators with no records in the system yet (target only). */
export const TARGET_ONLY_INDICATORS: ReadonlySet<string> = new Set<string>();
