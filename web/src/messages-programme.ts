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
  'training.heading': 'Lớp tập huấn, bồi dưỡng nghiệp vụ phòng, chống ma túy của đơn vị trong năm',
  'training.record': 'Ghi lớp tập huấn',
  'training.edit': 'Sửa lớp tập huấn',
  'training.title': 'Tên lớp',
  'training.startedOn': 'Ngày khai giảng',
  'training.endedOn': 'Ngày bế giảng',
  'training.participantsOf': 'Số người dự: {group}',
  'training.participants': 'Người dự theo nhóm',
  'training.total': 'Tổng số người dự',
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
  'training.heading': "The unit's training courses for drug-control officers this year",
  'training.record': 'Record a training course',
  'training.edit': 'Edit the course',
  'training.title': 'Course',
  'training.startedOn': 'Started on',
  'training.endedOn': 'Ended on',
  'training.participantsOf': 'Participants: {group}',
  'training.participants': 'Participants by group',
  'training.total': 'Participants in all',
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
  trainedGroup: {
    POLICE: 'Công an',
    COMMUNE: 'Cán bộ UBND xã, phường',
    LABOUR: 'Ngành Lao động, Nội vụ',
    FACILITY: 'Cơ sở cai nghiện',
    HEALTH: 'Y tế',
    MASS_ORGANISATIONS: 'Mặt trận, đoàn thể, tình nguyện viên',
    OTHER: 'Khác',
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
  trainedGroup: {
    POLICE: 'Police',
    COMMUNE: 'Commune officials',
    LABOUR: 'Labour and home affairs',
    FACILITY: 'Rehab facilities',
    HEALTH: 'Health',
    MASS_ORGANISATIONS: 'Front, mass organisations, volunteers',
    OTHER: 'Other',
  },
};
