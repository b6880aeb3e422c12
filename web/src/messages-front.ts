/** Messages of the Fatherland Front's review of compulsory dossiers. Vietnamese first. */
export const frontVi = {
  'front.awaiting': 'Hồ sơ đề nghị đưa vào cơ sở cai nghiện bắt buộc chờ ý kiến của Mặt trận',
  'front.answered': 'Hồ sơ đã cho ý kiến',
  'front.intro':
    'Hồ sơ của xã, phường đã gửi Tòa án và chưa có quyết định. Ý kiến của Mặt trận được gửi tới Công an, UBND xã và Tòa án; ý kiến không làm dừng hồ sơ.',
  'front.record': 'Ghi ý kiến của Mặt trận',
  'front.opinion': 'Ý kiến của Mặt trận',
  'front.reasoning': 'Lý do, đề xuất',
  'front.reasoningHint': 'Bắt buộc khi không nhất trí (tối đa 2.000 ký tự).',
  'front.givenOn': 'Ngày cho ý kiến',
  'front.confirm': 'Ghi ý kiến “{opinion}” của Mặt trận về hồ sơ của {name}, ngày {date}? Ý kiến chỉ ghi một lần.',
  'front.none': 'Chưa có ý kiến',
  'front.dateOfBirth': 'Ngày sinh',
  'front.sentOn': 'Ngày gửi hồ sơ',
  'front.timelineAgree': 'Mặt trận Tổ quốc nhất trí với hồ sơ đề nghị',
  'front.timelineDisagree': 'Mặt trận Tổ quốc không nhất trí với hồ sơ đề nghị',
} as const;

export const frontEn: Record<keyof typeof frontVi, string> = {
  'front.awaiting': "Compulsory-rehab dossiers awaiting the Front's opinion",
  'front.answered': 'Dossiers given an opinion',
  'front.intro':
    "Dossiers of your commune sent to the court and not yet decided. The Front's opinion goes to the commune police, the commune committee and the court; it does not stop the dossier.",
  'front.record': "Record the Front's opinion",
  'front.opinion': "The Front's opinion",
  'front.reasoning': 'Reasons, proposals',
  'front.reasoningHint': 'Required to disagree (at most 2,000 characters).',
  'front.givenOn': 'Day of the opinion',
  'front.confirm': 'Record the Front\'s opinion "{opinion}" on the dossier of {name}, dated {date}? An opinion is recorded once.',
  'front.none': 'No opinion yet',
  'front.dateOfBirth': 'Date of birth',
  'front.sentOn': 'Sent on',
  'front.timelineAgree': 'The Fatherland Front agreed with the dossier',
  'front.timelineDisagree': 'The Fatherland Front disagreed with the dossier',
};

export const frontEnumsVi = {
  frontOpinion: {
    AGREE: 'Nhất trí đề nghị',
    DISAGREE: 'Không nhất trí',
  },
} as const;

export const frontEnumsEn: { [K in keyof typeof frontEnumsVi]: Record<keyof (typeof frontEnumsVi)[K], string> } = {
  frontOpinion: {
    AGREE: 'Agrees with the proposal',
    DISAGREE: 'Disagrees',
  },
};
