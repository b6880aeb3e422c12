/** Messages of the management of users of synthetic drugs with psychosis ("ngáo đá"). Vietnamese first. */
export const psychosisVi = {
  'psychosis.heading': 'Loạn thần do sử dụng ma túy tổng hợp',
  'psychosis.record': 'Ghi nhận loạn thần do sử dụng ma túy tổng hợp',
  'psychosis.end': 'Kết thúc quản lý loạn thần',
  'psychosis.diagnosedOn': 'Ngày xác định',
  'psychosis.severity': 'Mức độ',
  'psychosis.riskToOthers': 'Có nguy cơ gây nguy hiểm cho người khác',
  'psychosis.risk': 'Nguy cơ gây nguy hiểm cho người khác',
  'psychosis.riskHint': 'Nếu có, Công an và UBND xã nơi cư trú được báo để phối hợp với gia đình (không kèm thông tin bệnh án).',
  'psychosis.yes': 'Có',
  'psychosis.no': 'Không',
  'psychosis.substances': 'Nhóm chất sử dụng',
  'psychosis.care': 'Hình thức quản lý, điều trị',
  'psychosis.careFacility': 'Cơ sở tâm thần điều trị nội trú',
  'psychosis.careFacilityHint': 'Bắt buộc khi điều trị nội trú.',
  'psychosis.endedOn': 'Ngày kết thúc',
  'psychosis.endReason': 'Lý do kết thúc',
  'psychosis.timeline': 'Xác định loạn thần do sử dụng ma túy tổng hợp, bắt đầu quản lý',
  'psychosis.timelineEnded': 'Kết thúc quản lý loạn thần do sử dụng ma túy',
  'psychosis.confirm': 'Ghi nhận {name} loạn thần do sử dụng ma túy tổng hợp, mức độ “{severity}”, từ ngày {date}?',
};

export const psychosisEn: Record<keyof typeof psychosisVi, string> = {
  'psychosis.heading': 'Psychosis from synthetic drugs',
  'psychosis.record': 'Record psychosis from synthetic drugs',
  'psychosis.end': 'End the psychosis care',
  'psychosis.diagnosedOn': 'Found on',
  'psychosis.severity': 'Severity',
  'psychosis.riskToOthers': 'At risk of harming others',
  'psychosis.risk': 'Risk of harming others',
  'psychosis.riskHint':
    "If so, the commune's police and committee of residence are told, to act with the family (without the clinical details).",
  'psychosis.yes': 'Yes',
  'psychosis.no': 'No',
  'psychosis.substances': 'Substance classes used',
  'psychosis.care': 'Care',
  'psychosis.careFacility': 'Psychiatric facility (inpatient)',
  'psychosis.careFacilityHint': 'Required for inpatient care.',
  'psychosis.endedOn': 'Ended on',
  'psychosis.endReason': 'Why it ended',
  'psychosis.timeline': 'Psychosis from synthetic drugs found; care began',
  'psychosis.timelineEnded': 'Psychosis care ended',
  'psychosis.confirm': 'Record that {name} has psychosis from synthetic drugs, severity "{severity}", from {date}?',
};

export const psychosisEnumsVi = {
  psychosisSeverity: { MILD: 'Nhẹ', MODERATE: 'Vừa', SEVERE: 'Nặng' },
  psychosisCare: {
    OUTPATIENT: 'Điều trị ngoại trú, theo dõi tại trạm y tế',
    INPATIENT_PSYCHIATRIC: 'Điều trị nội trú tại cơ sở tâm thần',
    FAMILY_CARE: 'Gia đình chăm sóc, theo dõi',
  },
  psychosisEndReason: {
    RECOVERED: 'Hết biểu hiện loạn thần',
    TRANSFERRED_TO_REHAB: 'Chuyển cai nghiện, điều trị nghiện',
    MOVED_AWAY: 'Chuyển nơi ở',
    DIED: 'Tử vong',
    OTHER: 'Lý do khác',
  },
  psychosisStatus: { UNDER_CARE: 'Đang quản lý, điều trị', ENDED: 'Đã kết thúc quản lý' },
} as const;

export const psychosisEnumsEn: { [K in keyof typeof psychosisEnumsVi]: Record<keyof (typeof psychosisEnumsVi)[K], string> } = {
  psychosisSeverity: { MILD: 'Mild', MODERATE: 'Moderate', SEVERE: 'Severe' },
  psychosisCare: {
    OUTPATIENT: 'Outpatient, followed by the health station',
    INPATIENT_PSYCHIATRIC: 'Inpatient at a psychiatric facility',
    FAMILY_CARE: 'Cared for by the family',
  },
  psychosisEndReason: {
    RECOVERED: 'No longer psychotic',
    TRANSFERRED_TO_REHAB: 'Moved to rehab or addiction treatment',
    MOVED_AWAY: 'Moved away',
    DIED: 'Died',
    OTHER: 'Other',
  },
  psychosisStatus: { UNDER_CARE: 'Under care', ENDED: 'Care ended' },
};
