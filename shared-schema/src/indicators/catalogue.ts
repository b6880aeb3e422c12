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
  /**
   * Counts people of the records (or records about people): analysts' small cells are then
   * suppressed. Programme work (activities, courses, inspections) names no one and is not.
   */
  aboutPeople: boolean;
}

const LABOUR: LocalizedText = { vi: 'Lao động - Thương binh và Xã hội', en: 'Labour, Invalids and Social Affairs' };
const HEALTH: LocalizedText = { vi: 'Y tế', en: 'Health' };
const POLICE: LocalizedText = {
  vi: 'Công an (với Lao động - TB&XH, Y tế, Đoàn thể)',
  en: 'Police (with Labour, Health, mass organisations)',
};

const FRONT: LocalizedText = {
  vi: 'Mặt trận Tổ quốc, các đoàn thể (với Công an, Y tế, UBND xã)',
  en: 'Fatherland Front and mass organisations (with police, health, communes)',
};

type Spec = Omit<IndicatorDefinitionRecord, 'byFacility' | 'table' | 'aboutPeople'> &
  Partial<Pick<IndicatorDefinitionRecord, 'byFacility' | 'table' | 'aboutPeople'>>;

const def = (spec: Spec): IndicatorDefinitionRecord => ({ table: null, byFacility: false, aboutPeople: true, ...spec });

const RESIDENCE_VI = 'theo xã nơi cư trú ghi trên hồ sơ (cộng dồn lên huyện, tỉnh, thành phố)';
const RESIDENCE_EN = 'by the commune of residence on the record (summed up the unit tree)';
const FACILITY_OR_RESIDENCE_VI = 'theo cơ sở cai nghiện và theo xã nơi cư trú';
const FACILITY_OR_RESIDENCE_EN = 'by facility and by commune of residence';
const EPISODE_OVERLAP_VI =
  'Kỳ: đợt cai nghiện có ngày tiếp nhận không sau ngày cuối kỳ và chưa kết thúc trước ngày đầu kỳ (mỗi người tính một lần)';
const EPISODE_OVERLAP_EN =
  'Period: an episode admitted on or before the last day and not ended before the first day of the period (each person once)';
const LABOUR_RECORDS_VI =
  'hồ sơ cai nghiện của cả hai giai đoạn: trước 01/3/2025 do Lao động - TB&XH quản lý, từ 01/3/2025 do Công an quản lý';
const LABOUR_RECORDS_EN = 'rehab records of both eras: labour-welfare until 28 February 2025, police from 1 March 2025';

/**
 * The indicators of the plans (docs/domain.md, "Plans and indicators"), each with its written
 * definition. Every definition states its numerator ("Tử số" / "Numerator": what is counted),
 * for a share its denominator ("Mẫu số" / "Denominator"), and its period rule ("Kỳ" /
 * "Period": which date puts a record in the period); a test checks it. Distinct persons
 * (người) unless the definition says person-times (lượt người). The order is the order of
 * `indicatorDefinitions` and `indicators`.
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
      vi: `Mẫu số: người có hồ sơ quản lý trong kỳ (mỗi người một lần), gồm người có quyết định quản lý người sử dụng trái phép chất ma túy (Công an), người cai nghiện dưới mọi hình thức (bắt buộc hoặc tự nguyện tại cơ sở, tại gia đình, cộng đồng; ${LABOUR_RECORDS_VI}), người điều trị thay thế (Y tế) và người được quản lý sau cai nghiện (có quyết định của Chủ tịch UBND xã), ${RESIDENCE_VI}. Tử số: những người đó có đợt cai nghiện, điều trị thay thế hoặc được tư vấn (Đoàn thể) trong kỳ. Kỳ: quyết định quản lý ban hành không sau ngày cuối kỳ và còn hiệu lực đến ngày đầu kỳ; đợt cai nghiện, đợt điều trị, thời gian quản lý sau cai nghiện có ít nhất một ngày trong kỳ; buổi tư vấn có ngày trong kỳ. Chỉ tiêu: trên 80%.`,
      en: `Denominator: people with management records in the period (each person once): under a police drug-user management decision, in rehab of any form (facility compulsory or voluntary, at home/community; ${LABOUR_RECORDS_EN}), on substitution treatment (health) or under post-rehab management (the commune chairman's decision), ${RESIDENCE_EN}. Numerator: those of them with a rehab episode, substitution treatment or a counselling session (mass organisations) in the period. Period: a management decision made on or before the last day and in force on or after the first day; a rehab episode, a treatment or a post-rehab management with at least one day in the period; a counselling session dated in it. Target above 80%.`,
    },
  }),
  def({
    code: 'TREATED_TOTAL',
    measure: 'COUNT',
    owner: POLICE,
    measuredBy: 'labor-welfare',
    name: { vi: 'Tổng số người được điều trị, cai nghiện', en: 'People treated in any form' },
    definition: {
      vi: `Tử số: người (mỗi người một lần) cai nghiện tại cơ sở (bắt buộc hoặc tự nguyện), cai nghiện tại gia đình, cộng đồng hoặc điều trị thay thế (Y tế) trong kỳ, ${RESIDENCE_VI}; ${LABOUR_RECORDS_VI}. Kỳ: đợt cai nghiện hoặc đợt điều trị có ít nhất một ngày trong kỳ (ngày tiếp nhận, ngày bắt đầu điều trị không sau ngày cuối kỳ; chưa kết thúc, chưa ngừng trước ngày đầu kỳ).`,
      en: `Numerator: people (each once) in facility rehab (compulsory or voluntary), rehab at home/community or substitution treatment (health) in the period, ${RESIDENCE_EN}; ${LABOUR_RECORDS_EN}. Period: an episode or a treatment with at least one day in the period (admitted or enrolled on or before its last day, not ended or stopped before its first day).`,
    },
  }),
  def({
    code: 'SCREENED_AND_ASSESSED',
    measure: 'COUNT',
    owner: HEALTH,
    measuredBy: 'health',
    name: { vi: 'Người được sàng lọc, đánh giá mức độ sử dụng ma túy', en: 'People screened and assessed for drug use' },
    definition: {
      vi: 'Tử số: người được cán bộ y tế sàng lọc, đánh giá mức độ sử dụng ma túy (mỗi người tính một lần dù được sàng lọc nhiều lần), theo xã nơi cư trú khi sàng lọc (cộng dồn lên tỉnh, thành phố). Kỳ: ngày sàng lọc trong kỳ.',
      en: 'Numerator: people screened and assessed for drug use by a health worker (each person once, however many screenings), by the commune of residence at the screening (summed up the unit tree). Period: the screening date lies in the period.',
    },
  }),
  def({
    code: 'DRUG_INDUCED_PSYCHOSIS_UNDER_CARE',
    measure: 'COUNT',
    owner: HEALTH,
    measuredBy: 'health',
    name: {
      vi: 'Người sử dụng ma túy tổng hợp có biểu hiện loạn thần được quản lý',
      en: 'Users of synthetic drugs with psychosis under care',
    },
    definition: {
      vi: 'Tử số: người được cán bộ y tế xác định loạn thần do sử dụng ma túy tổng hợp (ngáo đá) và được quản lý, điều trị (mỗi người tính một lần), theo xã nơi cư trú khi được xác định (cộng dồn lên tỉnh, thành phố). Kỳ: thời gian quản lý có ít nhất một ngày trong kỳ (ngày xác định không sau ngày cuối kỳ; chưa kết thúc trước ngày đầu kỳ).',
      en: 'Numerator: people a health worker found to have psychosis from synthetic drugs and who are under care (each person once), by the commune of residence when found (summed up the unit tree). Period: the care has at least one day in the period (found on or before its last day, not ended before its first day).',
    },
  }),
  def({
    code: 'METHADONE_MAINTAINED',
    measure: 'COUNT',
    owner: HEALTH,
    measuredBy: 'health',
    name: { vi: 'Người được duy trì điều trị Methadone', en: 'People maintained on methadone' },
    definition: {
      vi: `Tử số: người bệnh điều trị thay thế (methadone, buprenorphine), mỗi người một lần, ${RESIDENCE_VI}; bằng người mới điều trị cộng người chuyển tiếp (một người vừa chuyển tiếp vừa điều trị lại trong kỳ có ở cả hai phần, ở tổng một lần). Kỳ: ngày bắt đầu điều trị không sau ngày cuối kỳ và chưa ngừng trước ngày đầu kỳ.`,
      en: `Numerator: substitution-treatment patients (methadone, buprenorphine), each once, ${RESIDENCE_EN}; the new patients plus those carried over (a person carried over who also re-enrolled in the period is in both parts and once in the total). Period: enrolled on or before the last day of the period and not stopped before its first day.`,
    },
  }),
  def({
    code: 'METHADONE_NEW',
    measure: 'COUNT',
    owner: HEALTH,
    measuredBy: 'health',
    name: { vi: 'Người mới điều trị Methadone', en: 'New methadone patients' },
    definition: {
      vi: `Tử số: người bệnh bắt đầu điều trị thay thế trong kỳ (mỗi người một lần), ${RESIDENCE_VI}. Kỳ: ngày bắt đầu điều trị trong kỳ.`,
      en: `Numerator: patients enrolled in substitution treatment in the period (each person once), ${RESIDENCE_EN}. Period: the enrolment date lies in the period.`,
    },
  }),
  def({
    code: 'METHADONE_NEW_PERSON_TIMES',
    measure: 'COUNT',
    owner: HEALTH,
    measuredBy: 'health',
    name: { vi: 'Lượt người mới điều trị Methadone', en: 'Methadone enrolments (person-times)' },
    definition: {
      vi: `Tử số: lượt người bắt đầu điều trị thay thế trong kỳ (mỗi đợt điều trị một lượt: một người bắt đầu hai lần là 2 lượt), ${RESIDENCE_VI}. Kỳ: ngày bắt đầu điều trị trong kỳ.`,
      en: `Numerator: person-times enrolled in substitution treatment in the period (each enrolment once: a person enrolled twice counts 2), ${RESIDENCE_EN}. Period: the enrolment date lies in the period.`,
    },
  }),
  def({
    code: 'METHADONE_CARRIED_OVER',
    measure: 'COUNT',
    owner: HEALTH,
    measuredBy: 'health',
    name: { vi: 'Người điều trị Methadone chuyển tiếp từ kỳ trước', en: 'Methadone patients carried over' },
    definition: {
      vi: `Tử số: người bệnh bắt đầu điều trị thay thế trước kỳ và còn điều trị vào ngày đầu kỳ (mỗi người một lần), ${RESIDENCE_VI}. Kỳ: ngày bắt đầu điều trị trước ngày đầu kỳ và chưa ngừng trước ngày đầu kỳ.`,
      en: `Numerator: patients enrolled in substitution treatment before the period and still in treatment on its first day (each person once), ${RESIDENCE_EN}. Period: enrolled before the first day of the period and not stopped before it.`,
    },
  }),
  def({
    code: 'METHADONE_MAINTENANCE_SHARE',
    measure: 'SHARE',
    owner: HEALTH,
    measuredBy: 'health',
    name: { vi: 'Tỷ lệ người bệnh đạt giai đoạn điều trị duy trì', en: 'Share of patients in the maintenance phase' },
    definition: {
      vi: 'Mẫu số: người bệnh của chỉ số "Người được duy trì điều trị Methadone". Tử số: những người có giai đoạn điều trị là duy trì hoặc giảm liều theo lịch sử giai đoạn vào ngày cuối kỳ (người ngừng điều trị trong kỳ: vào ngày cuối cùng còn điều trị). Kỳ: như mẫu số; giai đoạn được xét tại ngày cuối kỳ theo lịch sử giai đoạn, nên số của một kỳ đã qua không đổi khi giai đoạn được cập nhật sau đó. Chỉ tiêu tham khảo (Lào Cai): ít nhất 70%.',
      en: 'Denominator: the patients of "People maintained on methadone". Numerator: those whose phase by the phase history was maintenance or tapering on the last day of the period (for a patient who stopped during it: on his last day in treatment). Period: as the denominator; the phase is read on the last day from the phase history, so a closed period does not change when a phase is recorded later. Reference target (Lào Cai): at least 70%.',
    },
  }),
  def({
    code: 'FACILITY_REHAB_COMPULSORY',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    byFacility: true,
    name: { vi: 'Người cai nghiện bắt buộc tại cơ sở', en: 'People in compulsory facility rehab' },
    definition: {
      vi: `Tử số: người có đợt cai nghiện bắt buộc tại cơ sở cai nghiện trong kỳ (mỗi người một lần), ${FACILITY_OR_RESIDENCE_VI}; ${LABOUR_RECORDS_VI}. ${EPISODE_OVERLAP_VI}.`,
      en: `Numerator: people with a compulsory rehab episode at a facility in the period (each person once), ${FACILITY_OR_RESIDENCE_EN}; ${LABOUR_RECORDS_EN}. ${EPISODE_OVERLAP_EN}.`,
    },
  }),
  def({
    code: 'FACILITY_REHAB_VOLUNTARY',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    byFacility: true,
    name: { vi: 'Người cai nghiện tự nguyện tại cơ sở', en: 'People in voluntary facility rehab' },
    definition: {
      vi: `Tử số: người có đợt cai nghiện tự nguyện tại cơ sở cai nghiện trong kỳ (mỗi người một lần), ${FACILITY_OR_RESIDENCE_VI}; ${LABOUR_RECORDS_VI}. ${EPISODE_OVERLAP_VI}.`,
      en: `Numerator: people with a voluntary rehab episode at a facility in the period (each person once), ${FACILITY_OR_RESIDENCE_EN}; ${LABOUR_RECORDS_EN}. ${EPISODE_OVERLAP_EN}.`,
    },
  }),
  def({
    code: 'COMMUNITY_REHAB',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: { vi: 'Người cai nghiện tại gia đình, cộng đồng', en: 'People in rehab at home/community' },
    definition: {
      vi: `Tử số: người có đợt cai nghiện tự nguyện tại gia đình, cộng đồng trong kỳ (mỗi người một lần), ${RESIDENCE_VI}; ${LABOUR_RECORDS_VI}; gồm tại điểm, cơ sở cai nghiện ở cộng đồng, tại gia đình và đợt chưa ghi nơi cai nghiện. ${EPISODE_OVERLAP_VI}.`,
      en: `Numerator: people with a voluntary rehab episode at home/community in the period (each person once), ${RESIDENCE_EN}; ${LABOUR_RECORDS_EN}; at a community rehab house, at home, and episodes whose setting was not recorded. ${EPISODE_OVERLAP_EN}.`,
    },
  }),
  def({
    code: 'COMMUNITY_REHAB_HOUSE',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: { vi: 'Người cai nghiện tại cơ sở, điểm cai nghiện ở cộng đồng', en: 'People in rehab at a community rehab house' },
    definition: {
      vi: `Tử số: người cai nghiện tại cộng đồng có nơi cai nghiện là cơ sở, điểm cai nghiện ở cộng đồng (nhà cai nghiện của xã) trong kỳ (mỗi người một lần), ${RESIDENCE_VI}. ${EPISODE_OVERLAP_VI}.`,
      en: `Numerator: people in community rehab whose setting is a community rehab house (a commune's community-based facility) in the period (each person once), ${RESIDENCE_EN}. ${EPISODE_OVERLAP_EN}.`,
    },
  }),
  def({
    code: 'COMMUNITY_REHAB_HOME',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: { vi: 'Người cai nghiện tại gia đình', en: 'People in rehab at home' },
    definition: {
      vi: `Tử số: người cai nghiện tại cộng đồng có nơi cai nghiện là gia đình trong kỳ (mỗi người một lần), ${RESIDENCE_VI}. ${EPISODE_OVERLAP_VI}.`,
      en: `Numerator: people in community rehab whose setting is their home/family in the period (each person once), ${RESIDENCE_EN}. ${EPISODE_OVERLAP_EN}.`,
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
      vi: `Tử số: người được tiếp nhận cai nghiện tự nguyện (tại cơ sở hoặc tại gia đình, cộng đồng) trong kỳ, mỗi người một lần; ${FACILITY_OR_RESIDENCE_VI}; ${LABOUR_RECORDS_VI}. Kỳ: ngày tiếp nhận trong kỳ.`,
      en: `Numerator: people admitted to voluntary rehab (at a facility or at home/community) in the period, each person once; ${FACILITY_OR_RESIDENCE_EN}; ${LABOUR_RECORDS_EN}. Period: the admission date lies in the period.`,
    },
  }),
  def({
    code: 'VOLUNTARY_MOBILISED_PERSON_TIMES',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    byFacility: true,
    name: { vi: 'Lượt người cai nghiện tự nguyện được tiếp nhận', en: 'Voluntary rehab admissions (person-times)' },
    definition: {
      vi: `Tử số: lượt người được tiếp nhận cai nghiện tự nguyện trong kỳ (mỗi đợt một lượt: một người được tiếp nhận hai lần là 2 lượt), ${FACILITY_OR_RESIDENCE_VI}. Kỳ: ngày tiếp nhận trong kỳ.`,
      en: `Numerator: person-times admitted to voluntary rehab in the period (each episode once: a person admitted twice counts 2), ${FACILITY_OR_RESIDENCE_EN}. Period: the admission date lies in the period.`,
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
      vi: `Tử số: hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc (mỗi hồ sơ một lần), ${RESIDENCE_VI}. Kỳ: ngày lập hồ sơ trong kỳ.`,
      en: `Numerator: compulsory-rehab dossiers (each dossier once), ${RESIDENCE_EN}. Period: the day the dossier was started lies in the period.`,
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
      vi: `Tử số: người được cơ sở tiếp nhận cai nghiện bắt buộc trong kỳ, mỗi người một lần; ${FACILITY_OR_RESIDENCE_VI}; ${LABOUR_RECORDS_VI}. Kỳ: ngày tiếp nhận trong kỳ.`,
      en: `Numerator: people admitted by a facility to compulsory rehab in the period, each person once; ${FACILITY_OR_RESIDENCE_EN}; ${LABOUR_RECORDS_EN}. Period: the admission date lies in the period.`,
    },
  }),
  def({
    code: 'FACILITY_ADMISSIONS_PERSON_TIMES',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    byFacility: true,
    name: { vi: 'Lượt người tiếp nhận cai nghiện bắt buộc', en: 'Compulsory admissions (person-times)' },
    definition: {
      vi: `Tử số: lượt người được cơ sở tiếp nhận cai nghiện bắt buộc trong kỳ (mỗi đợt một lượt: một người được tiếp nhận hai lần là 2 lượt), ${FACILITY_OR_RESIDENCE_VI}. Kỳ: ngày tiếp nhận trong kỳ.`,
      en: `Numerator: person-times admitted by a facility to compulsory rehab in the period (each episode once: a person admitted twice counts 2), ${FACILITY_OR_RESIDENCE_EN}. Period: the admission date lies in the period.`,
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
      vi: `Tử số: đợt cai nghiện tại cơ sở đã vào giai đoạn dạy nghề, lao động trị liệu (hoặc giai đoạn sau, hoặc đã hoàn thành), ${FACILITY_OR_RESIDENCE_VI}. Kỳ: học viên có mặt tại cơ sở trong kỳ (ngày tiếp nhận không sau ngày cuối kỳ, chưa kết thúc trước ngày đầu kỳ).`,
      en: `Numerator: facility rehab episodes that reached the vocational-training/labour-therapy phase (or a later phase, or completed), ${FACILITY_OR_RESIDENCE_EN}. Period: the resident was at the facility during the period (admitted on or before its last day, not ended before its first day).`,
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
      vi: `Tử số: quyết định quản lý sau cai nghiện tại nơi cư trú (mỗi quyết định một lần), ${RESIDENCE_VI}. Kỳ: ngày ban hành quyết định trong kỳ.`,
      en: `Numerator: post-rehab management decisions (each decision once), ${RESIDENCE_EN}. Period: the decision date lies in the period.`,
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
      vi: `Mẫu số: đợt cai nghiện hoàn thành, ${RESIDENCE_VI}. Tử số: những đợt có quyết định quản lý sau cai nghiện (đến nay). Kỳ: ngày hoàn thành trong kỳ. Chỉ tiêu: 100%.`,
      en: `Denominator: completed rehab episodes, ${RESIDENCE_EN}. Numerator: those with a post-rehab management decision (to date). Period: the completion date lies in the period. Target 100%.`,
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
      vi: `Tử số: người được hỗ trợ vay vốn, dạy nghề hoặc giới thiệu việc làm (mỗi người một lần), ${RESIDENCE_VI}. Kỳ: ngày bắt đầu hỗ trợ trong kỳ.`,
      en: `Numerator: people given a loan, vocational training or a job placement (each person once), ${RESIDENCE_EN}. Period: the support's start date lies in the period.`,
    },
  }),
  def({
    code: 'LOANS',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: { vi: 'Hỗ trợ vay vốn', en: 'Loans' },
    definition: {
      vi: `Tử số: người được hỗ trợ vay vốn (mỗi người một lần), ${RESIDENCE_VI}. Kỳ: ngày bắt đầu hỗ trợ trong kỳ.`,
      en: `Numerator: people given a loan (each person once), ${RESIDENCE_EN}. Period: the support's start date lies in the period.`,
    },
  }),
  def({
    code: 'VOCATIONAL_TRAINING',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: { vi: 'Dạy nghề sau cai nghiện', en: 'Vocational training after rehab' },
    definition: {
      vi: `Tử số: người được hỗ trợ dạy nghề (mỗi người một lần), ${RESIDENCE_VI}. Kỳ: ngày bắt đầu hỗ trợ trong kỳ.`,
      en: `Numerator: people given vocational training (each person once), ${RESIDENCE_EN}. Period: the support's start date lies in the period.`,
    },
  }),
  def({
    code: 'JOB_PLACEMENT',
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: { vi: 'Giới thiệu việc làm', en: 'Job placements' },
    definition: {
      vi: `Tử số: người được giới thiệu việc làm (mỗi người một lần), ${RESIDENCE_VI}. Kỳ: ngày bắt đầu hỗ trợ trong kỳ.`,
      en: `Numerator: people given a job placement (each person once), ${RESIDENCE_EN}. Period: the support's start date lies in the period.`,
    },
  }),
  def({
    code: 'POST_REHAB_MODELS_MAINTAINED',
    aboutPeople: false,
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    table: 'DISTRICT',
    name: { vi: 'Mô hình quản lý sau cai nghiện duy trì', en: 'Post-rehab models maintained' },
    definition: {
      vi: 'Tử số: mô hình quản lý sau cai nghiện (đội tình nguyện, câu lạc bộ B93, điểm tư vấn, tổ tự quản) của các xã, phường trong đơn vị (hồ sơ mô hình của Lao động - TB&XH). Kỳ: thành lập trước ngày đầu kỳ và còn hoạt động sau ngày cuối kỳ.',
      en: "Numerator: post-rehab models (volunteer teams, Club B93, counselling points, self-managed groups) of the communes in the unit (labour's model records). Period: set up before the first day of the period and still running after its last day.",
    },
  }),
  def({
    code: 'POST_REHAB_MODELS_NEW',
    aboutPeople: false,
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    table: 'DISTRICT',
    name: { vi: 'Mô hình quản lý sau cai nghiện xây dựng mới', en: 'New post-rehab models' },
    definition: {
      vi: 'Tử số: mô hình quản lý sau cai nghiện của các xã, phường trong đơn vị. Kỳ: ngày thành lập trong kỳ.',
      en: 'Numerator: post-rehab models of the communes in the unit. Period: the set-up date lies in the period.',
    },
  }),
  def({
    code: 'POST_REHAB_MODELS_TOTAL',
    aboutPeople: false,
    measure: 'COUNT',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    table: 'DISTRICT',
    name: { vi: 'Tổng số mô hình quản lý sau cai nghiện', en: 'Post-rehab models in total' },
    definition: {
      vi: 'Tử số: mô hình duy trì cộng mô hình mới (tổng bằng hai phần). Kỳ: như hai chỉ số thành phần.',
      en: 'Numerator: models maintained plus models new (the total equals its two parts). Period: as the two parts.',
    },
  }),
  def({
    code: 'RELAPSE_RATE',
    measure: 'SHARE',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: { vi: 'Tỷ lệ tái nghiện', en: 'Relapse rate' },
    definition: {
      vi: `Mẫu số: trường hợp quản lý sau cai nghiện đang được quản lý vào một thời điểm trong kỳ, ${RESIDENCE_VI}. Tử số: những trường hợp tái nghiện (nghiện trở lại, căn cứ lập hồ sơ cai nghiện bắt buộc) trong kỳ; sử dụng ma túy mà chưa tái nghiện không tính. Kỳ: quyết định quản lý không sau ngày cuối kỳ và chưa kết thúc trước ngày đầu kỳ; ngày tái nghiện trong kỳ.`,
      en: `Denominator: post-rehab cases under management at some time in the period, ${RESIDENCE_EN}. Numerator: those who relapsed into addiction in the period (the ground of a compulsory dossier); drug use without a relapse into addiction is not counted. Period: a decision on or before the last day, not ended before the first day; the relapse date in the period.`,
    },
  }),
  def({
    code: 'DRUG_USE_DURING_POST_REHAB_RATE',
    measure: 'SHARE',
    owner: LABOUR,
    measuredBy: 'labor-welfare',
    name: {
      vi: 'Tỷ lệ sử dụng lại ma túy trong thời gian quản lý sau cai nghiện (chưa tái nghiện)',
      en: 'Drug use during post-rehab management without relapse into addiction',
    },
    definition: {
      vi: `Mẫu số: trường hợp quản lý sau cai nghiện đang được quản lý vào một thời điểm trong kỳ, ${RESIDENCE_VI} (như tỷ lệ tái nghiện). Tử số: những trường hợp được ghi nhận sử dụng trái phép chất ma túy trong kỳ mà không phải tái nghiện (mỗi trường hợp một lần, dù ghi nhận nhiều lần). Kỳ: quyết định quản lý không sau ngày cuối kỳ và chưa kết thúc trước ngày đầu kỳ; ngày sử dụng trong kỳ.`,
      en: `Denominator: post-rehab cases under management at some time in the period, ${RESIDENCE_EN} (as for the relapse rate). Numerator: those with a recorded drug use in the period that was not a relapse into addiction (each case once, however many uses). Period: a decision on or before the last day, not ended before the first day; the day of use in the period.`,
    },
  }),
  def({
    code: 'COMMUNICATION_ACTIVITIES',
    aboutPeople: false,
    measure: 'COUNT',
    owner: FRONT,
    measuredBy: 'volunteers',
    name: { vi: 'Số hoạt động tuyên truyền phòng, chống ma túy', en: 'Communication activities against drugs' },
    definition: {
      vi: 'Tử số: số hoạt động tuyên truyền (diễn đàn, hội nghị, phát thanh, tờ rơi, sinh hoạt chuyên đề…) do các cơ quan, đoàn thể tổ chức, theo xã hoặc tỉnh, thành phố nơi tổ chức (cộng dồn lên tỉnh, thành phố). Kỳ: ngày tổ chức trong kỳ.',
      en: 'Numerator: communication activities (forums, conferences, broadcasts, leaflets, talks…) held by the agencies and mass organisations, by the commune or province where held (summed up the unit tree). Period: the day held lies in the period.',
    },
  }),
  def({
    code: 'COMMUNICATION_AUDIENCE',
    aboutPeople: false,
    measure: 'COUNT',
    owner: FRONT,
    measuredBy: 'volunteers',
    name: { vi: 'Số lượt người được tuyên truyền', en: 'People reached by communication (person-times)' },
    definition: {
      vi: 'Tử số: tổng số lượt người tham dự, nghe các hoạt động tuyên truyền (ước tính với phát thanh), theo xã hoặc tỉnh, thành phố nơi tổ chức (cộng dồn lên tỉnh, thành phố); một người dự nhiều hoạt động được tính nhiều lượt. Kỳ: ngày tổ chức trong kỳ.',
      en: 'Numerator: the people attending or hearing communication activities (estimated for broadcasts), as person-times, by the commune or province where held (summed up the unit tree). Period: the day held lies in the period.',
    },
  }),
  def({
    code: 'TRAINING_COURSES',
    aboutPeople: false,
    measure: 'COUNT',
    owner: POLICE,
    measuredBy: 'labor-welfare',
    name: { vi: 'Số lớp tập huấn, bồi dưỡng nghiệp vụ phòng, chống ma túy', en: 'Training courses for drug-control officers' },
    definition: {
      vi: 'Tử số: số lớp tập huấn, bồi dưỡng cho cán bộ, nhân viên làm công tác phòng, chống ma túy (Công an, UBND xã, Lao động, cơ sở cai nghiện, Y tế, Mặt trận, đoàn thể) do các cơ quan tổ chức, theo xã hoặc tỉnh, thành phố được tập huấn (cộng dồn lên tỉnh, thành phố). Kỳ: ngày bế giảng trong kỳ.',
      en: 'Numerator: training courses for the officers and staff who do drug-control work (police, communes, labour, facilities, health, the Front and mass organisations) held by the agencies, by the commune or province trained (summed up the unit tree). Period: the last day of the course lies in the period.',
    },
  }),
  def({
    code: 'OFFICERS_TRAINED',
    aboutPeople: false,
    measure: 'COUNT',
    owner: POLICE,
    measuredBy: 'labor-welfare',
    name: { vi: 'Số lượt cán bộ, nhân viên được tập huấn', en: 'Officers and staff trained (person-times)' },
    definition: {
      vi: 'Tử số: tổng số lượt người tham dự các lớp tập huấn, bồi dưỡng nghiệp vụ phòng, chống ma túy (một người dự nhiều lớp được tính nhiều lượt), theo xã hoặc tỉnh, thành phố được tập huấn (cộng dồn lên tỉnh, thành phố). Kỳ: ngày bế giảng trong kỳ. Tỷ lệ cán bộ được tập huấn (chỉ tiêu trên 80%) cần số cán bộ đang công tác, hệ thống không ghi: kế hoạch đặt chỉ tiêu đó như một chỉ tiêu riêng.',
      en: "Numerator: participants of the training courses for drug-control officers and staff, as person-times (one person at two courses counts twice), by the commune or province trained (summed up the unit tree). Period: the course's last day lies in the period. The share of officers trained (target above 80%) needs the officers in post, which the system does not hold: a plan sets it as a measure of its own.",
    },
  }),
  def({
    code: 'INSPECTIONS',
    aboutPeople: false,
    measure: 'COUNT',
    owner: POLICE,
    measuredBy: 'labor-welfare',
    name: { vi: 'Số cuộc thanh tra, kiểm tra công tác cai nghiện', en: 'Inspections of rehab work' },
    definition: {
      vi: 'Tử số: số cuộc thanh tra, kiểm tra cơ sở cai nghiện và công tác cai nghiện, quản lý sau cai nghiện của xã, phường, theo nơi được thanh tra, kiểm tra (cộng dồn lên tỉnh, thành phố). Kỳ: ngày thanh tra, kiểm tra trong kỳ.',
      en: "Numerator: inspections of rehab facilities and of communes' rehab and post-rehab work, by the place inspected (summed up the unit tree). Period: the inspection date lies in the period.",
    },
  }),
  def({
    code: 'INSPECTION_VIOLATIONS_RESOLVED_SHARE',
    aboutPeople: false,
    measure: 'SHARE',
    owner: POLICE,
    measuredBy: 'labor-welfare',
    name: { vi: 'Tỷ lệ cuộc thanh tra, kiểm tra có vi phạm đã được khắc phục', en: 'Inspections with violations put right' },
    definition: {
      vi: 'Mẫu số: cuộc thanh tra, kiểm tra trong kỳ phát hiện vi phạm, theo nơi được thanh tra, kiểm tra (cộng dồn lên tỉnh, thành phố). Tử số: những cuộc đã khắc phục xong vi phạm đến ngày cuối kỳ. Kỳ: ngày thanh tra, kiểm tra trong kỳ; ngày khắc phục không sau ngày cuối kỳ.',
      en: 'Denominator: inspections in the period that found violations, by the place inspected (summed up the unit tree). Numerator: those whose violations were put right by the last day of the period. Period: the inspection date lies in the period; the day put right is on or before its last day.',
    },
  }),
  def({
    code: 'BUDGET_ALLOCATED',
    aboutPeople: false,
    measure: 'COUNT',
    owner: POLICE,
    measuredBy: 'labor-welfare',
    name: { vi: 'Kinh phí được giao cho công tác cai nghiện, phòng ngừa (triệu đồng)', en: 'Funding allocated (million VND)' },
    definition: {
      vi: 'Tử số: tổng kinh phí được giao (triệu đồng) của các dòng dự toán, mọi nguồn và mọi hoạt động, theo xã hoặc tỉnh, thành phố được giao (cộng dồn lên tỉnh, thành phố). Kỳ: năm ngân sách của dòng dự toán nằm trong các năm của kỳ (kỳ quý, nửa năm tính cả kinh phí năm).',
      en: "Numerator: funding allocated (million VND) on the budget lines, every source and activity, by the commune or province funded (summed up the unit tree). Period: the line's fiscal year is one of the period's years (a quarter or half-year counts its year's whole allocation).",
    },
  }),
  def({
    code: 'BUDGET_SPENT',
    aboutPeople: false,
    measure: 'COUNT',
    owner: POLICE,
    measuredBy: 'labor-welfare',
    name: { vi: 'Kinh phí đã chi cho công tác cai nghiện, phòng ngừa (triệu đồng)', en: 'Funding spent (million VND)' },
    definition: {
      vi: 'Tử số: tổng số tiền đã chi (triệu đồng) theo các dòng dự toán, mọi nguồn và mọi hoạt động, theo xã hoặc tỉnh, thành phố được giao (cộng dồn lên tỉnh, thành phố). Kỳ: ngày chi trong kỳ. Kế hoạch đặt chỉ tiêu là kinh phí dự kiến của kỳ.',
      en: "Numerator: spendings (million VND) against the budget lines, every source and activity, by the commune or province funded (summed up the unit tree). Period: the day spent lies in the period. A plan's target is the funding it plans for the period.",
    },
  }),
  def({
    code: 'COMPLAINTS_RECEIVED',
    measure: 'COUNT',
    owner: POLICE,
    measuredBy: 'labor-welfare',
    name: { vi: 'Số đơn khiếu nại, tố cáo về công tác cai nghiện', en: 'Complaints and denunciations about rehab work' },
    definition: {
      vi: 'Tử số: số đơn khiếu nại, tố cáo về công tác cai nghiện, quản lý sau cai nghiện, theo xã, tỉnh hoặc cơ sở nhận đơn (cộng dồn lên tỉnh, thành phố). Kỳ: ngày nhận đơn trong kỳ.',
      en: 'Numerator: complaints and denunciations about rehab and post-rehab work, by the commune, province or facility that received them (summed up the unit tree). Period: the day received lies in the period.',
    },
  }),
  def({
    code: 'COMPLAINTS_SETTLED_ON_TIME_SHARE',
    measure: 'SHARE',
    owner: POLICE,
    measuredBy: 'labor-welfare',
    name: { vi: 'Tỷ lệ đơn khiếu nại, tố cáo được giải quyết đúng hạn', en: 'Complaints settled within their time limit' },
    definition: {
      vi: 'Mẫu số: đơn khiếu nại, tố cáo nhận trong kỳ có hạn giải quyết không sau ngày cuối kỳ, theo nơi nhận đơn (cộng dồn lên tỉnh, thành phố). Tử số: những đơn đã giải quyết không muộn hơn hạn giải quyết. Kỳ: ngày nhận đơn trong kỳ và hạn giải quyết không sau ngày cuối kỳ.',
      en: 'Denominator: complaints and denunciations received in the period whose time limit falls on or before its last day, by the place that received them (summed up the unit tree). Numerator: those settled by their time limit. Period: received in the period, with a time limit on or before its last day.',
    },
  }),
  def({
    code: 'PEOPLE_AT_RISK',
    measure: 'COUNT',
    owner: FRONT,
    measuredBy: 'volunteers',
    name: { vi: 'Số người có nguy cơ trong danh sách phòng ngừa', en: 'People at risk on the prevention lists' },
    definition: {
      vi: 'Tử số: số người có nguy cơ (nghi vấn sử dụng, thanh thiếu niên nguy cơ cao, người thân của người sử dụng…) trong danh sách phòng ngừa của xã, phường vào ngày cuối kỳ (cộng dồn lên tỉnh, thành phố). Người đã có hồ sơ quản lý vẫn được tính một lần qua mục đã liên kết. Kỳ: vào danh sách không sau ngày cuối kỳ, chưa đưa ra khỏi danh sách vào ngày đó.',
      en: "Numerator: people at risk (suspected use, youth at high risk, families of users…) on the communes' prevention lists on the period's last day (summed up the unit tree). A person on record is counted once, through the linked entry. Period: listed by the period's last day and not taken off on it.",
    },
  }),
  def({
    code: 'PEOPLE_AT_RISK_REACHED_SHARE',
    measure: 'SHARE',
    owner: FRONT,
    measuredBy: 'volunteers',
    name: { vi: 'Tỷ lệ người có nguy cơ được tiếp cận dịch vụ phòng ngừa', en: 'People at risk reached by prevention services' },
    definition: {
      vi: 'Mẫu số: người trong danh sách phòng ngừa vào một ngày nào đó của kỳ. Tử số: những người được sàng lọc nguy cơ, tư vấn, trợ giúp pháp lý hoặc chuyển gửi trong kỳ. Theo xã nơi cư trú ghi trong danh sách (cộng dồn lên tỉnh, thành phố). Kỳ: ngày cung cấp dịch vụ trong kỳ.',
      en: "Denominator: people on a prevention list on some day of the period. Numerator: those given risk screening, counselling, legal aid or a referral in the period. By the list's commune (summed up the unit tree). Period: the day of the service lies in the period.",
    },
  }),
  def({
    code: 'USERS_REACHED_BY_PREVENTION_SHARE',
    measure: 'SHARE',
    owner: FRONT,
    measuredBy: 'volunteers',
    name: {
      vi: 'Tỷ lệ người sử dụng trái phép chất ma túy có hồ sơ được tiếp cận dịch vụ phòng ngừa',
      en: 'People on record reached by prevention services',
    },
    definition: {
      vi: `Mẫu số: người có quyết định quản lý người sử dụng trái phép chất ma túy (Công an) trong kỳ (mỗi người một lần), ${RESIDENCE_VI}. Tử số: những người đó được cung cấp dịch vụ phòng ngừa (sàng lọc, tư vấn, trợ giúp pháp lý, chuyển gửi) trong kỳ tại đơn vị, trực tiếp hoặc qua mục danh sách người có nguy cơ đã liên kết với hồ sơ. Kỳ: quyết định quản lý ban hành không sau ngày cuối kỳ và còn hiệu lực đến ngày đầu kỳ; ngày cung cấp dịch vụ trong kỳ. Chỉ tiêu của đề án: ít nhất 80%.`,
      en: `Denominator: people under a police drug-user management decision in the period (each person once), ${RESIDENCE_EN}. Numerator: those of them given a prevention service (screening, counselling, legal aid, referral) in the period in the unit, directly or through the prevention-list entry linked to their record. Period: a management decision made on or before the last day and in force on or after the first day; the day of the service lies in the period. The project targets at least 80%.`,
    },
  }),
  def({
    code: 'DRUG_HOTSPOTS',
    aboutPeople: false,
    measure: 'COUNT',
    owner: POLICE,
    measuredBy: 'police',
    name: { vi: 'Số địa bàn, điểm trọng điểm về ma túy', en: 'Drug hotspots' },
    definition: {
      vi: 'Tử số: số địa bàn, điểm trọng điểm về ma túy do công an xác định, theo xã, phường (cộng dồn lên tỉnh, thành phố). Kỳ: xác định không sau ngày cuối kỳ, chưa xóa bỏ vào ngày đó.',
      en: "Numerator: drug hotspots identified by the police and by commune (summed up the unit tree). Period: identified by the period's last day and not cleared on it.",
    },
  }),
  def({
    code: 'DRUG_FREE_COMMUNES',
    aboutPeople: false,
    measure: 'COUNT',
    owner: POLICE,
    measuredBy: 'police',
    name: { vi: 'Số xã, phường được công nhận không ma túy', en: 'Communes recognised drug-free' },
    definition: {
      vi: 'Tử số: số xã, phường có quyết định công nhận không ma túy (cộng dồn lên tỉnh, thành phố). Kỳ: công nhận không sau ngày cuối kỳ, chưa bị thu hồi vào ngày đó.',
      en: "Numerator: communes recognised drug-free (summed up the unit tree). Period: recognised by the period's last day and not withdrawn on it.",
    },
  }),
];

const BY_CODE = new Map(INDICATORS.map((i) => [i.code, i]));

export function indicatorByCode(code: string): IndicatorDefinitionRecord | undefined {
  return BY_CODE.get(code);
}

/** Indicators with no records in the system yet (target only). */
export const TARGET_ONLY_INDICATORS: ReadonlySet<string> = new Set<string>();
