/** Messages of the care steps on a treatment (phase, transfer, termination) and a rehab episode (transfer, early end). Vietnamese first. */
export const careVi = {
  'treatment.actions': 'Điều trị thay thế',
  'treatment.advance': 'Chuyển giai đoạn điều trị',
  'treatment.advanceTo': 'Giai đoạn mới',
  'treatment.advanceOn': 'Từ ngày',
  'treatment.transfer': 'Chuyển cơ sở điều trị',
  'treatment.toClinic': 'Cơ sở điều trị nhận',
  'treatment.terminate': 'Chấm dứt điều trị',
  'treatment.terminateReason': 'Lý do chấm dứt',
  'treatment.terminateNote': 'Nội dung (căn cứ, biên bản)',
  'treatment.terminateOn': 'Ngày chấm dứt',
  'confirm.treatmentAdvance': 'Chuyển điều trị của {person} sang giai đoạn “{phase}” từ ngày {date}?',
  'confirm.treatmentTransfer':
    'Chuyển điều trị của {person} từ {from} sang {to}? Từ nay {to} cấp thuốc và xem hồ sơ; {from} thôi xem danh tính người bệnh sau hôm nay.',
  'confirm.treatmentTerminate':
    'Chấm dứt điều trị của {person} từ ngày {date} vì “{reason}”? Cơ quan công an nơi cư trú được thông báo; không hoàn tác được.',
  'episode.transfer': 'Chuyển cơ sở cai nghiện',
  'episode.toFacility': 'Cơ sở nhận',
  'episode.transferredOn': 'Ngày chuyển',
  'episode.terminate': 'Chấm dứt cai nghiện trước thời hạn',
  'episode.terminateReason': 'Lý do chấm dứt (căn cứ, quyết định)',
  'episode.terminatedOn': 'Ngày chấm dứt',
  'confirm.episodeTransfer':
    'Chuyển {person} từ {from} sang {to} từ ngày {date}? Từ ngày đó {to} quản lý học viên; {from} thôi xem danh tính học viên.',
  'confirm.episodeTerminate':
    'Chấm dứt cai nghiện của {person} trước thời hạn từ ngày {date}? Cơ sở thôi quản lý học viên; không hoàn tác được.',
  'postRehab.assignSupporters': 'Phân công người hỗ trợ',
  'postRehab.supporters': 'Người hỗ trợ (tối đa 10)',
  'postRehab.otherSupporter': 'Người hỗ trợ đã phân công (không còn trong danh sách của xã)',
  'action.interimMeasure': 'Biện pháp trong thời gian chờ',
  'field.interimMeasure': 'Biện pháp',
  'field.interimEnd': 'Chấm dứt biện pháp đang áp dụng',
  'field.interimFacility': 'Cơ sở cai nghiện tạm giữ',
  'field.interimNoFacility': '— Không (giao gia đình quản lý) —',
  'field.interimFacilityHint': 'Chỉ ghi khi tạm giữ tại cơ sở cai nghiện.',
  'field.interimSince': 'Từ ngày',
  'action.recordEscort': 'Ghi việc áp giải đến cơ sở',
  'field.escortedOn': 'Ngày áp giải',
  'confirm.interimMeasure': 'Áp dụng “{measure}” từ ngày {date}? Biện pháp đang áp dụng (nếu có) kết thúc cùng ngày.',
  'confirm.interimEnd': 'Chấm dứt biện pháp đang áp dụng từ ngày {date}?',
  'confirm.escort': 'Ghi nhận người đã được áp giải đến cơ sở cai nghiện ngày {date}?',
  'worklist.communeVolunteers': 'Tình nguyện viên của xã',
  'volunteer.organisation': 'Tổ chức',
  'volunteer.reassign': 'Phân công người hỗ trợ mới',
  'volunteer.newSupporter': 'Người hỗ trợ mới',
  'volunteer.deactivate': 'Ghi nhận thôi tham gia',
  'volunteer.leftReason': 'Lý do thôi tham gia',
  'volunteer.leftOn': 'Ngày thôi tham gia',
  'confirm.reassignVolunteer': 'Giao {volunteer} hỗ trợ {person} từ ngày {date}?',
  'confirm.deactivateVolunteer':
    'Ghi nhận {volunteer} thôi tham gia từ ngày {date}? Các phân công đang có kết thúc và những người được hỗ trợ chuyển vào danh sách cần phân công người hỗ trợ mới.',
  'worklist.duplicates': 'Hồ sơ có thể trùng (cùng họ tên, ngày sinh, xã; khác số định danh)',
  'merge.records': 'Hồ sơ',
  'merge.byProvince': 'Công an tỉnh, thành phố gộp hồ sơ trùng; danh sách này để đối chiếu và báo lên.',
  'merge.unit': 'Xã, phường',
  'merge.action': 'Gộp hồ sơ trùng',
  'merge.survivor': 'Hồ sơ giữ lại',
  'merge.duplicate': 'Hồ sơ gộp vào (đánh dấu đã gộp)',
  'merge.reason': 'Căn cứ gộp (đối chiếu giấy tờ)',
  'merge.confirm':
    'Gộp hồ sơ số {duplicate} vào hồ sơ số {survivor}? Hồ sơ {duplicate} được giữ lại, đánh dấu đã gộp; các vụ việc đang mở chuyển sang hồ sơ {survivor} và cơ quan Lao động - Thương binh và Xã hội được thông báo. Không hoàn tác được.',
} as const;

export type CareMessageKey = keyof typeof careVi;

export const careEn: Record<CareMessageKey, string> = {
  'treatment.actions': 'Substitution treatment',
  'treatment.advance': 'Move to another phase',
  'treatment.advanceTo': 'New phase',
  'treatment.advanceOn': 'From',
  'treatment.transfer': 'Transfer to another clinic',
  'treatment.toClinic': 'Receiving clinic',
  'treatment.terminate': 'End the treatment',
  'treatment.terminateReason': 'Reason',
  'treatment.terminateNote': 'Details (grounds, minutes)',
  'treatment.terminateOn': 'Ended on',
  'confirm.treatmentAdvance': 'Move {person}’s treatment to the “{phase}” phase from {date}?',
  'confirm.treatmentTransfer':
    'Transfer {person}’s treatment from {from} to {to}? {to} then dispenses and reads the record; {from} no longer reads the patient’s identity after today.',
  'confirm.treatmentTerminate':
    'End {person}’s treatment from {date} because “{reason}”? The police of the residence are told; this cannot be undone.',
  'episode.transfer': 'Transfer to another facility',
  'episode.toFacility': 'Receiving facility',
  'episode.transferredOn': 'Transferred on',
  'episode.terminate': 'End the rehab early',
  'episode.terminateReason': 'Reason (grounds, decision)',
  'episode.terminatedOn': 'Ended on',
  'confirm.episodeTransfer':
    'Transfer {person} from {from} to {to} from {date}? From that day {to} manages the resident; {from} no longer reads the resident’s identity.',
  'confirm.episodeTerminate':
    'End {person}’s rehab early from {date}? The facility no longer manages the resident; this cannot be undone.',
  'postRehab.assignSupporters': 'Assign supporters',
  'postRehab.supporters': 'Supporters (at most 10)',
  'postRehab.otherSupporter': 'Assigned supporter (no longer on the commune’s list)',
  'action.interimMeasure': 'Interim measure',
  'field.interimMeasure': 'Measure',
  'field.interimEnd': 'End the current measure',
  'field.interimFacility': 'Holding facility',
  'field.interimNoFacility': '— None (family management) —',
  'field.interimFacilityHint': 'Only when held at a rehab facility.',
  'field.interimSince': 'From',
  'action.recordEscort': 'Record the escort to the facility',
  'field.escortedOn': 'Escorted on',
  'confirm.interimMeasure': 'Apply “{measure}” from {date}? The current measure, if any, ends the same day.',
  'confirm.interimEnd': 'End the current measure from {date}?',
  'confirm.escort': 'Record that the person was escorted to the rehab facility on {date}?',
  'worklist.communeVolunteers': 'The commune’s volunteers',
  'volunteer.organisation': 'Organisation',
  'volunteer.reassign': 'Assign a new supporter',
  'volunteer.newSupporter': 'New supporter',
  'volunteer.deactivate': 'Record that they left',
  'volunteer.leftReason': 'Why they left',
  'volunteer.leftOn': 'Left on',
  'confirm.reassignVolunteer': 'Have {volunteer} support {person} from {date}?',
  'confirm.deactivateVolunteer':
    'Record that {volunteer} left on {date}? Their assignments end and the people they supported go on the list of people who need a new supporter.',
  'worklist.duplicates': 'Records that may be the same person (same name, date of birth and commune; different numbers)',
  'merge.records': 'Records',
  'merge.byProvince': 'The province’s police merge duplicates; this list is for checking and reporting them.',
  'merge.unit': 'Commune',
  'merge.action': 'Merge duplicate records',
  'merge.survivor': 'Record kept',
  'merge.duplicate': 'Record merged into it (marked merged)',
  'merge.reason': 'Grounds (documents compared)',
  'merge.confirm':
    'Merge record {duplicate} into record {survivor}? Record {duplicate} is kept, marked merged; its open cases move to record {survivor} and labour-welfare is told. This cannot be undone.',
};

/** Labels of the treatment's enums the forms offer. */
export const careEnumsVi = {
  interimMeasure: {
    FAMILY_MANAGEMENT: 'Giao gia đình quản lý',
    HELD_AT_FACILITY: 'Tạm giữ tại cơ sở cai nghiện',
  },
  terminationReason: {
    FORCED_PROTOCOL_VIOLATIONS: 'Buộc ngừng: vi phạm quy định điều trị',
    FORCED_REPEATED_POSITIVE_TESTS: 'Buộc ngừng: nhiều lần xét nghiệm dương tính',
    VOLUNTARY: 'Tự nguyện ngừng điều trị',
    OTHER: 'Lý do khác',
  },
} as const;

export const careEnumsEn: { [K in keyof typeof careEnumsVi]: Record<keyof (typeof careEnumsVi)[K], string> } = {
  interimMeasure: {
    FAMILY_MANAGEMENT: 'Placed with the family',
    HELD_AT_FACILITY: 'Held at a rehab facility',
  },
  terminationReason: {
    FORCED_PROTOCOL_VIOLATIONS: 'Stopped: breach of the treatment rules',
    FORCED_REPEATED_POSITIVE_TESTS: 'Stopped: repeated positive tests',
    VOLUNTARY: 'Stopped at the patient’s wish',
    OTHER: 'Other reason',
  },
};
