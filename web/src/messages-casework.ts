/**
 * Messages of the casework the plans require: the Fatherland Front's review of compulsory
 * dossiers, drug use during post-rehab management told apart from a relapse, paper
 * determinations entered late. Vietnamese first.
 */
export const caseworkVi = {
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
  'drugUse.record': 'Ghi nhận sử dụng ma túy (chưa tái nghiện)',
  'drugUse.usedOn': 'Ngày sử dụng',
  'drugUse.evidence': 'Căn cứ phát hiện',
  'drugUse.hint':
    'Sử dụng trái phép chất ma túy mà chưa được xác định nghiện trở lại: tiếp tục quản lý. Tái nghiện (nghiện trở lại) ghi ở bước “Ghi nhận tái nghiện”.',
  'drugUse.list': 'Sử dụng ma túy trong thời gian quản lý (chưa tái nghiện)',
  'drugUse.timeline': 'Sử dụng ma túy trong thời gian quản lý sau cai nghiện',
  'drugUse.relapsedOn': 'Tái nghiện',
  'lateEntry.requestedOn': 'Ngày đề nghị',
  'lateEntry.reason': 'Lý do nhập muộn',
  'lateEntry.hint':
    'Chỉ ghi khi đề nghị đã lập trên giấy từ ngày trước (nhập muộn): kết quả khám trên giấy sau đó được nhập với ngày khám thật.',
  'lateEntry.timeline': 'Đề nghị xác định tình trạng nghiện (nhập muộn từ hồ sơ giấy)',
  'screening.heading': 'Sàng lọc, đánh giá mức độ sử dụng ma túy',
  'screening.record': 'Ghi kết quả sàng lọc, đánh giá mức độ sử dụng ma túy',
  'screening.screenedOn': 'Ngày sàng lọc',
  'screening.instrument': 'Công cụ sàng lọc',
  'screening.riskLevel': 'Mức độ nguy cơ',
  'screening.substances': 'Nhóm chất sử dụng',
  'screening.referral': 'Chuyển tiếp',
  'screening.referralHint': 'Nguy cơ cao: chuyển đề nghị xác định tình trạng nghiện hoặc chuyển điều trị.',
  'screening.timeline': 'Sàng lọc, đánh giá mức độ sử dụng ma túy',
  'qualified.hint': 'Cơ sở y tế đủ điều kiện xác định tình trạng nghiện của tỉnh, thành phố: {names}.',
} as const;

export const caseworkEn: Record<keyof typeof caseworkVi, string> = {
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
  'drugUse.record': 'Record drug use (no relapse into addiction)',
  'drugUse.usedOn': 'Day of use',
  'drugUse.evidence': 'How it was found',
  'drugUse.hint':
    'Drug use without a new addiction determination: the management goes on. A relapse into addiction is recorded with "Record a relapse".',
  'drugUse.list': 'Drug use during management (no relapse into addiction)',
  'drugUse.timeline': 'Drug use during post-rehab management',
  'drugUse.relapsedOn': 'Relapsed into addiction',
  'lateEntry.requestedOn': 'Day of the request',
  'lateEntry.reason': 'Why it is entered late',
  'lateEntry.hint':
    'Only for a request made earlier on paper (a late entry): its paper examination is then entered with its real date.',
  'lateEntry.timeline': 'Addiction determination requested (entered late from paper)',
  'screening.heading': 'Drug-use screening and assessment',
  'screening.record': 'Record a drug-use screening and assessment',
  'screening.screenedOn': 'Screened on',
  'screening.instrument': 'Instrument',
  'screening.riskLevel': 'Level of risk',
  'screening.substances': 'Substance classes used',
  'screening.referral': 'Referred to',
  'screening.referralHint': 'A high risk is referred to an addiction determination or to treatment.',
  'screening.timeline': 'Drug-use screening and assessment',
  'qualified.hint': "The province's facilities qualified to determine addiction: {names}.",
};

export const caseworkEnumsVi = {
  frontOpinion: {
    AGREE: 'Nhất trí đề nghị',
    DISAGREE: 'Không nhất trí',
  },
  screeningInstrument: { ASSIST: 'ASSIST (WHO)', OTHER: 'Công cụ khác' },
  drugUseRiskLevel: { LOW: 'Nguy cơ thấp', MODERATE: 'Nguy cơ trung bình', HIGH: 'Nguy cơ cao' },
  screeningReferral: {
    NONE: 'Không chuyển tiếp (tư vấn ngắn)',
    COUNSELLING: 'Tư vấn, can thiệp ngắn',
    ADDICTION_DETERMINATION: 'Đề nghị xác định tình trạng nghiện',
    TREATMENT: 'Chuyển điều trị',
  },
  drugUseEvidence: {
    POSITIVE_TEST: 'Xét nghiệm dương tính',
    CAUGHT_USING: 'Bị phát hiện đang sử dụng',
    SELF_REPORTED: 'Tự khai báo',
  },
} as const;

export const caseworkEnumsEn: { [K in keyof typeof caseworkEnumsVi]: Record<keyof (typeof caseworkEnumsVi)[K], string> } = {
  frontOpinion: {
    AGREE: 'Agrees with the proposal',
    DISAGREE: 'Disagrees',
  },
  screeningInstrument: { ASSIST: 'ASSIST (WHO)', OTHER: 'Other instrument' },
  drugUseRiskLevel: { LOW: 'Low risk', MODERATE: 'Moderate risk', HIGH: 'High risk' },
  screeningReferral: {
    NONE: 'Not referred (brief advice)',
    COUNSELLING: 'Counselling, brief intervention',
    ADDICTION_DETERMINATION: 'Addiction determination',
    TREATMENT: 'Treatment',
  },
  drugUseEvidence: {
    POSITIVE_TEST: 'Positive test',
    CAUGHT_USING: 'Caught using',
    SELF_REPORTED: 'Self-reported',
  },
};
