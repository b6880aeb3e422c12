/** Messages of the programme work around the legal path: communication against drugs. Vietnamese first. */
export const programmeVi = {
  'communication.heading': 'Hoạt động tuyên truyền phòng, chống ma túy của đơn vị trong năm',
  'communication.record': 'Ghi hoạt động tuyên truyền',
  'communication.edit': 'Sửa',
  'communication.kind': 'Hình thức',
  'communication.title': 'Tên hoạt động',
  'communication.heldOn': 'Ngày tổ chức',
  'communication.agency': 'Cơ quan tổ chức',
  'communication.audience': 'Số người tham dự, nghe',
  'communication.audienceHint': 'Với phát thanh, truyền hình: số người nghe ước tính.',
  'communication.copies': 'Số tờ rơi, tài liệu phát ra',
};

export const programmeEn: Record<keyof typeof programmeVi, string> = {
  'communication.heading': "The unit's communication against drugs this year",
  'communication.record': 'Record a communication activity',
  'communication.edit': 'Edit',
  'communication.kind': 'Kind',
  'communication.title': 'Title',
  'communication.heldOn': 'Held on',
  'communication.agency': 'Held by',
  'communication.audience': 'People attending or hearing',
  'communication.audienceHint': 'For a broadcast: the estimated listeners.',
  'communication.copies': 'Leaflets or copies handed out',
};

export const programmeEnumsVi = {
  communicationKind: {
    FORUM: 'Diễn đàn',
    CONFERENCE: 'Hội nghị, hội thảo',
    BROADCAST: 'Phát thanh, truyền hình',
    LEAFLET: 'Tờ rơi, tài liệu',
    TALK: 'Sinh hoạt chuyên đề, nói chuyện',
    OTHER: 'Hình thức khác',
  },
} as const;

export const programmeEnumsEn: { [K in keyof typeof programmeEnumsVi]: Record<keyof (typeof programmeEnumsVi)[K], string> } = {
  communicationKind: {
    FORUM: 'Forum',
    CONFERENCE: 'Conference or workshop',
    BROADCAST: 'Radio or television',
    LEAFLET: 'Leaflets',
    TALK: 'Talk',
    OTHER: 'Other',
  },
};
