/** Messages of the notifications inbox. Vietnamese first. */
export const inboxVi = {
  'nav.inbox': 'Thông báo',
  'nav.unread': '{count} thông báo chưa đọc',
  'nav.waiting': '{count} việc đang chờ xử lý',
  'inbox.heading': 'Thông báo gửi đơn vị',
  'inbox.intro': 'Thông báo liên ngành gửi đến đơn vị và chức danh của bạn. Mỗi cán bộ đánh dấu đã đọc riêng.',
  'inbox.list': 'Thông báo',
  'inbox.unreadOnly': 'Chỉ hiện thông báo chưa đọc',
  'inbox.state': 'Trạng thái',
  'inbox.unread': 'Chưa đọc',
  'inbox.read': 'Đã đọc',
  'inbox.what': 'Nội dung',
  'inbox.person': 'Người liên quan',
  'inbox.sender': 'Cơ quan gửi',
  'inbox.occurredOn': 'Ngày xảy ra',
  'inbox.receivedAt': 'Nhận lúc',
  'inbox.markRead': 'Đánh dấu đã đọc',
  'inbox.markAllRead': 'Đánh dấu tất cả là đã đọc',
  'inbox.marked': 'Đã đánh dấu {count} thông báo là đã đọc.',
  'inbox.unavailable': 'Chưa tải được thông báo của ngành {agency}; các thông báo khác vẫn hiện.',
  'inbox.summary': '{unread} chưa đọc trên {total} thông báo',
} as const;

export const inboxEn: Record<keyof typeof inboxVi, string> = {
  'nav.inbox': 'Notifications',
  'nav.unread': '{count} unread {count|notification|notifications}',
  'nav.waiting': '{count} {count|item|items} waiting for you',
  'inbox.heading': 'Notifications to your unit',
  'inbox.intro': 'Cross-agency notices addressed to your unit and role. Each officer marks them read for themselves.',
  'inbox.list': 'Notifications',
  'inbox.unreadOnly': 'Show unread notifications only',
  'inbox.state': 'State',
  'inbox.unread': 'Unread',
  'inbox.read': 'Read',
  'inbox.what': 'What happened',
  'inbox.person': 'Person',
  'inbox.sender': 'Sent by',
  'inbox.occurredOn': 'Date',
  'inbox.receivedAt': 'Received',
  'inbox.markRead': 'Mark read',
  'inbox.markAllRead': 'Mark all read',
  'inbox.marked': '{count} {count|notification|notifications} marked read.',
  'inbox.unavailable': 'The {agency} notifications could not be loaded; the others are shown.',
  'inbox.summary': '{unread} unread of {total} {total|notification|notifications}',
};

/** What each notice's topic means to the officer who receives it. */
export const inboxEnumsVi = {
  notificationTopic: {
    'rehab.admitted': 'Đã vào cơ sở cai nghiện',
    'rehab.absconded': 'Bỏ trốn khỏi cơ sở cai nghiện: đã mở truy tìm',
    'rehab.returned': 'Đã trở lại cơ sở cai nghiện: truy tìm kết thúc',
    'rehab.completed': 'Hoàn thành cai nghiện: cần tiếp nhận quản lý sau cai',
    'addiction.determined': 'Được xác định là người nghiện: bắt đầu tính hạn đăng ký điều trị',
    'treatment.substitution-started': 'Bắt đầu điều trị thay thế (đã đăng ký điều trị)',
    'treatment.substitution-ended': 'Ngừng điều trị thay thế: chờ quyết định quản lý sau cai',
    'support.relapse-risk': 'Tình nguyện viên báo nguy cơ tái nghiện cao',
    'residence.transfer': 'Chuyển đến cư trú tại đơn vị: cần tiếp nhận',
    'residence.moved': 'Chuyển đến cư trú: hồ sơ đang mở chuyển theo',
    'dossier.front-opinion': 'Mặt trận Tổ quốc đã cho ý kiến về hồ sơ đề nghị cai nghiện bắt buộc',
  },
} as const;

export const inboxEnumsEn: { [K in keyof typeof inboxEnumsVi]: Record<keyof (typeof inboxEnumsVi)[K], string> } = {
  notificationTopic: {
    'rehab.admitted': 'Admitted to a rehab facility',
    'rehab.absconded': 'Absconded from the facility: a search was opened',
    'rehab.returned': 'Back at the facility: the search ended',
    'rehab.completed': 'Completed rehab: post-rehab management to take over',
    'addiction.determined': 'Determined addicted: the treatment-registration deadline runs',
    'treatment.substitution-started': 'Started substitution treatment (registered for treatment)',
    'treatment.substitution-ended': 'Substitution treatment stopped: post-rehab decision awaited',
    'support.relapse-risk': 'A volunteer reported a high relapse risk',
    'residence.transfer': 'Moved into your unit: to acknowledge',
    'residence.moved': 'Moved in: open cases moved along',
    'dossier.front-opinion': 'The Fatherland Front gave its opinion on the compulsory-rehab dossier',
  },
};
