/**
 * Messages about today's units and who acts: dated units, the court a dossier goes to, the
 * province's reassignment worklist, who takes a step today. Vietnamese first.
 */
export const todayVi = {
  'unit.endedOn': 'đến {date}',
  'unit.nowPartOf': 'nay thuộc {names}',
  'unit.nowSplitInto': 'nay chia về {names}',
  'unit.endedAccount': 'đơn vị đã kết thúc khi sắp xếp đơn vị hành chính: chỉ xem dữ liệu trước đây',

  'facility.managedBy': 'nay do {agency} quản lý',

  'action.submitDossierToCourt': 'Gửi hồ sơ đến Tòa án',
  'action.whoActsToday': 'Theo quy định hiện hành, việc {step} do {actors} thực hiện ({basis}).',
  'confirm.sendToCourt': 'Gửi hồ sơ đến {court}? Hồ sơ đã gửi không sửa được nữa; Tòa án sẽ xem xét, quyết định.',
  'form.confirm': 'Xác nhận',
  'form.choose': 'Chưa chọn: hãy chọn một mục.',
  'form.choosePlaceholder': '— Chọn —',
  'form.dateFormat': 'Ngày phải viết theo dạng ngày/tháng/năm, ví dụ 03/12/2026.',
  'confirm.openDossier':
    'Lập hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc cho {person}, căn cứ: {ground}; ngày bắt đầu lập {date}?',
  'confirm.courtDecision': 'Ghi nhận quyết định của Tòa án số {number} ngày {date}: {outcome}? Quyết định đã ghi không sửa được.',
  'timeline.agenciesLoading': 'Đang tải sự kiện của: {agencies}…',
  'timeline.agenciesMissing': 'Thiếu sự kiện của: {agencies} (dữ liệu tạm thời không khả dụng). Dòng thời gian chưa đầy đủ.',
  'print.button': 'In hồ sơ',
  'print.title': 'Hồ sơ người sử dụng ma túy — thông tin liên ngành',
  'print.printedBy': 'In bởi {name} ({unit}) lúc {at}. Chỉ gồm thông tin cán bộ này được xem.',
  'print.confidential':
    'Tài liệu chứa thông tin cá nhân nhạy cảm (tình trạng nghiện, sức khỏe): chỉ dùng cho công tác được giao, không sao chép, không cung cấp cho người khác.',
  'move.title': 'Ghi nhận chuyển nơi ở',
  'move.toProvince': 'Tỉnh, thành phố chuyển đến',
  'move.toCommune': 'Xã, phường chuyển đến',
  'move.address': 'Địa chỉ nơi ở mới',
  'move.from': 'Nơi ở hiện tại: {from}',
  'confirm.move':
    'Ghi nhận {person} chuyển đến {commune} từ ngày {date}? Hồ sơ sẽ thuộc {commune}; Công an {commune} nhận thông báo di biến động để xác nhận.',
  'transfer.acknowledge': 'Xác nhận đã tiếp nhận',
  'confirm.acknowledgeTransfer': 'Xác nhận đơn vị đã tiếp nhận {person} chuyển đến từ {from}?',
  'register.open': 'Đăng ký người mới',
  'register.title': 'Đăng ký người vào cơ sở dữ liệu',
  'register.otherNamesHint': 'Tên gọi khác, cách nhau bằng dấu phẩy',
  'register.currentCommune': 'Xã, phường nơi ở hiện tại',
  'register.currentAddress': 'Địa chỉ nơi ở hiện tại',
  'register.permanentProvince': 'Tỉnh, thành phố nơi thường trú',
  'register.permanentCommune': 'Xã, phường nơi thường trú',
  'register.permanentAddress': 'Địa chỉ nơi thường trú',
  'register.duplicates':
    'Có thể người này đã có hồ sơ ({count}): cùng số định danh, hoặc cùng họ tên và ngày sinh. Hãy mở hồ sơ để kiểm tra trước khi đăng ký mới.',
  'register.different': 'Đây là người khác, vẫn đăng ký',
  'confirm.admit': 'Tiếp nhận người này vào {facility} từ ngày {date}?',
  'form.back': 'Quay lại',
  'form.confirmTitle': 'Xác nhận thao tác',

  'field.court': 'Tòa án nhận hồ sơ',
  'field.courtPlaceholder': '— Chọn Tòa án nhân dân khu vực —',
  'field.facility': 'Cơ sở cai nghiện',
  'field.facilityNone': '— Không (chỉ ghi khi chấp nhận) —',
  'field.facilityHint': 'Cơ sở cai nghiện ma túy công lập của tỉnh, thành phố',
  'field.residenceUnit': 'Xã, phường lập hồ sơ',

  'worklist.awaitingDecision': 'Hồ sơ đề nghị chờ Tòa án quyết định',
  'worklist.readOnly': 'Chỉ xem: theo quy định hiện hành, đơn vị của bạn không còn thực hiện bước này.',
  'worklist.reassignment': 'Người của xã, phường cũ bị chia tách chờ phân về xã, phường mới',

  'reassign.total': 'Còn {count} người chờ phân về xã, phường mới',
  'reassign.formerUnit': 'Xã, phường cũ (trước sắp xếp)',
  'reassign.suggestion': 'Gợi ý theo địa chỉ',
  'reassign.assign': 'Phân về xã, phường mới',
  'reassign.toUnit': 'Xã, phường mới',
  'reassign.choose': '— Chọn xã, phường mới —',
  'reassign.suggested': 'Gợi ý vì địa chỉ có “{reason}”',
  'reassign.noSuggestion': 'Địa chỉ không chỉ ra một xã, phường mới duy nhất: hãy chọn',
  'reassign.confirm': 'Phân {name} về {unit}? Hồ sơ của người này lập tại {former} sẽ thuộc {unit} ở mọi cơ quan.',
  'reassign.done': 'Đã phân {name} về {unit}',
} as const;

export type TodayMessageKey = keyof typeof todayVi;

export const todayEn: Record<TodayMessageKey, string> = {
  'unit.endedOn': 'until {date}',
  'unit.nowPartOf': 'now part of {names}',
  'unit.nowSplitInto': 'now split between {names}',
  'unit.endedAccount': 'this unit ended with the reorganisation of administrative units: you read the past only',

  'facility.managedBy': 'run by {agency} today',

  'action.submitDossierToCourt': 'Send the dossier to the court',
  'action.whoActsToday': 'Under the rules in force today, the step “{step}” is taken by {actors} ({basis}).',
  'confirm.sendToCourt': 'Send the dossier to {court}? A dossier sent cannot be edited; the court will consider and decide it.',
  'form.confirm': 'Confirm',
  'form.choose': 'Nothing chosen yet: choose one.',
  'form.choosePlaceholder': '— Choose —',
  'form.dateFormat': 'Write the date as day/month/year, for example 03/12/2026.',
  'confirm.openDossier':
    'Open a dossier proposing compulsory rehabilitation in a facility for {person}, on the ground: {ground}; compiled from {date}?',
  'confirm.courtDecision': "Record the court's decision no. {number} of {date}: {outcome}? A recorded decision cannot be edited.",
  'timeline.agenciesLoading': 'Loading the events of: {agencies}…',
  'timeline.agenciesMissing': 'Events missing from: {agencies} (data temporarily unavailable). The timeline is incomplete.',
  'print.button': 'Print record',
  'print.title': "A drug user's record — cross-agency information",
  'print.printedBy': 'Printed by {name} ({unit}) at {at}. Only what this officer may see.',
  'print.confidential':
    'This document holds sensitive personal data (addiction and health status): for the assigned work only; do not copy or pass it on.',
  'move.title': 'Record a change of residence',
  'move.toProvince': 'Province or city moved to',
  'move.toCommune': 'Commune or ward moved to',
  'move.address': 'New address',
  'move.from': 'Current residence: {from}',
  'confirm.move':
    'Record that {person} moved to {commune} on {date}? The record will belong to {commune}; the police of {commune} get a transfer notice to acknowledge.',
  'transfer.acknowledge': 'Acknowledge receipt',
  'confirm.acknowledgeTransfer': 'Confirm that your unit has taken over {person}, who moved here from {from}?',
  'register.open': 'Register a new person',
  'register.title': 'Register a person in the database',
  'register.otherNamesHint': 'Other names, separated by commas',
  'register.currentCommune': 'Commune or ward of current residence',
  'register.currentAddress': 'Address of current residence',
  'register.permanentProvince': 'Province or city of permanent residence',
  'register.permanentCommune': 'Commune or ward of permanent residence',
  'register.permanentAddress': 'Address of permanent residence',
  'register.duplicates':
    'This person may already have a record ({count}): the same identification number, or the same name and date of birth. Open it to check before registering anew.',
  'register.different': 'This is someone else: register anyway',
  'confirm.admit': 'Admit this person to {facility} from {date}?',
  'form.back': 'Go back',
  'form.confirmTitle': 'Confirm the action',

  'field.court': 'Court to send it to',
  'field.courtPlaceholder': '— Choose the regional people’s court —',
  'field.facility': 'Rehabilitation facility',
  'field.facilityNone': '— None (only for an approval) —',
  'field.facilityHint': 'A public drug rehabilitation facility of the province',
  'field.residenceUnit': 'Commune of the dossier',

  'worklist.awaitingDecision': 'Dossiers awaiting the court’s decision',
  'worklist.readOnly': 'Read only: under the rules in force today your unit no longer takes this step.',
  'worklist.reassignment': 'People of split former communes awaiting their new commune',

  'reassign.total': '{count} people waiting for their new commune',
  'reassign.formerUnit': 'Former commune (before the reform)',
  'reassign.suggestion': 'Suggested from the address',
  'reassign.assign': 'Assign to the new commune',
  'reassign.toUnit': 'New commune',
  'reassign.choose': '— Choose the new commune —',
  'reassign.suggested': 'Suggested because the address names “{reason}”',
  'reassign.noSuggestion': 'The address points to no single new commune: choose one',
  'reassign.confirm': 'Assign {name} to {unit}? Their records made in {former} become {unit}’s in every agency.',
  'reassign.done': '{name} assigned to {unit}',
};
