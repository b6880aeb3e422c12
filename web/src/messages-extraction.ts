/** Messages of trích xuất: a facility resident taken out at an investigation agency's request. Vietnamese first. */
export const extractionVi = {
  'extraction.heading': 'Trích xuất',
  'extraction.request': 'Đề nghị trích xuất học viên',
  'extraction.agency': 'Cơ quan đề nghị',
  'extraction.agencyHint': 'Cơ quan điều tra (ví dụ: Cơ quan Cảnh sát điều tra Công an thành phố Hà Nội).',
  'extraction.document': 'Số văn bản đề nghị',
  'extraction.purpose': 'Mục đích trích xuất',
  'extraction.requestedOnField': 'Ngày đề nghị',
  'extraction.expectedReturnOn': 'Ngày dự kiến trả về cơ sở',
  'extraction.handOver': 'Bàn giao người được trích xuất',
  'extraction.handedOverOn': 'Ngày bàn giao',
  'extraction.return': 'Ghi nhận trả về cơ sở',
  'extraction.returnedOnField': 'Ngày trả về',
  'extraction.cancel': 'Hủy đề nghị trích xuất',
  'extraction.cancelReason': 'Lý do hủy',
  'extraction.confirmRequest': 'Đề nghị {facility} bàn giao {name} để {purpose}, trả về cơ sở ngày {date}?',
  'extraction.confirmHandOver': 'Bàn giao {name} cho {agency} ngày {date}?',
  'extraction.outSince': 'Đã bàn giao ngày {date}, dự kiến trả về ngày {due}',
  'extraction.returnedOn': 'Đã trả về cơ sở ngày {date}',
  'extraction.requestedOn': 'Đề nghị ngày {date}',
  'extraction.overdue': 'quá hạn trả về',
  'extraction.worklist': 'Trích xuất học viên đang thực hiện',
  'extraction.facility': 'Cơ sở cai nghiện',
  'extraction.timelineRequested': 'Đề nghị trích xuất khỏi cơ sở cai nghiện',
  'extraction.timelineOut': 'Được trích xuất khỏi cơ sở cai nghiện',
  'extraction.timelineReturned': 'Trở lại cơ sở cai nghiện sau trích xuất',
};

export const extractionEn: Record<keyof typeof extractionVi, string> = {
  'extraction.heading': 'Extraction',
  'extraction.request': 'Ask to take a resident out (extraction)',
  'extraction.agency': 'Requesting agency',
  'extraction.agencyHint': 'The investigation agency (e.g. the investigation police of Hà Nội).',
  'extraction.document': 'Request document number',
  'extraction.purpose': 'Purpose',
  'extraction.requestedOnField': 'Date of the request',
  'extraction.expectedReturnOn': 'Expected return to the facility',
  'extraction.handOver': 'Hand the resident over',
  'extraction.handedOverOn': 'Handed over on',
  'extraction.return': 'Record the return to the facility',
  'extraction.returnedOnField': 'Returned on',
  'extraction.cancel': 'Withdraw the extraction request',
  'extraction.cancelReason': 'Why it is withdrawn',
  'extraction.confirmRequest': 'Ask {facility} to hand {name} over to {purpose}, back at the facility on {date}?',
  'extraction.confirmHandOver': 'Hand {name} over to {agency} on {date}?',
  'extraction.outSince': 'Handed over on {date}, expected back on {due}',
  'extraction.returnedOn': 'Back at the facility on {date}',
  'extraction.requestedOn': 'Asked on {date}',
  'extraction.overdue': 'overdue',
  'extraction.worklist': 'Extractions under way',
  'extraction.facility': 'Facility',
  'extraction.timelineRequested': 'Extraction from the facility requested',
  'extraction.timelineOut': 'Taken out of the facility (extraction)',
  'extraction.timelineReturned': 'Back at the facility after an extraction',
};

export const extractionEnumsVi = {
  extractionStatus: {
    REQUESTED: 'Chờ bàn giao',
    OUT: 'Đang trích xuất',
    RETURNED: 'Đã trả về cơ sở',
    CANCELLED: 'Đã hủy',
  },
} as const;

export const extractionEnumsEn: { [K in keyof typeof extractionEnumsVi]: Record<keyof (typeof extractionEnumsVi)[K], string> } = {
  extractionStatus: { REQUESTED: 'Awaiting hand-over', OUT: 'Out', RETURNED: 'Returned', CANCELLED: 'Withdrawn' },
};
