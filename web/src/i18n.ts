import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { portalEn, portalEnumsEn, portalEnumsVi, portalVi } from './messages-portal';
import { todayEn, todayVi } from './messages-today';
import { careEn, careEnumsEn, careEnumsVi, careVi } from './messages-care';
import { inboxEn, inboxEnumsEn, inboxEnumsVi, inboxVi } from './messages-inbox';
import { caseworkEn, caseworkEnumsEn, caseworkEnumsVi, caseworkVi } from './messages-casework';
import { communityEn, communityEnumsEn, communityEnumsVi, communityVi } from './messages-community';
import { psychosisEn, psychosisEnumsEn, psychosisEnumsVi, psychosisVi } from './messages-psychosis';
import { extractionEn, extractionEnumsEn, extractionEnumsVi, extractionVi } from './messages-extraction';
import { licenceEn, licenceEnumsEn, licenceEnumsVi, licenceVi } from './messages-licence';
import { programmeEn, programmeEnumsEn, programmeEnumsVi, programmeVi } from './messages-programme';
import { preventionEn, preventionEnumsEn, preventionEnumsVi, preventionVi } from './messages-prevention';

export type Locale = 'vi' | 'en';

export const DEFAULT_LOCALE: Locale = 'vi';
const LOCALE_STORAGE_KEY = 'rehab.locale';

const vi = {
  ...portalVi,
  ...todayVi,
  ...careVi,
  ...inboxVi,
  ...caseworkVi,
  ...communityVi,
  ...psychosisVi,
  ...extractionVi,
  ...licenceVi,
  ...programmeVi,
  ...preventionVi,
  'app.title': 'Hệ thống quản lý cai nghiện liên ngành',
  'app.skipToContent': 'Bỏ qua, đến nội dung chính',
  'lang.switchLabel': 'Chuyển ngôn ngữ giao diện',

  'login.heading': 'Đăng nhập cán bộ',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.submit': 'Đăng nhập',
  'login.submitting': 'Đang đăng nhập…',
  'login.required': 'Vui lòng nhập tên đăng nhập và mật khẩu',
  'login.networkError': 'Không kết nối được máy chủ. Vui lòng thử lại.',
  'login.unexpectedError': 'Đăng nhập không thành công. Vui lòng thử lại.',
  'login.sessionExpired': 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',

  'officer.region': 'Cán bộ đang đăng nhập',
  'officer.agency': 'Cơ quan',
  'officer.role': 'Vai trò',
  'officer.unit': 'Đơn vị',
  'officer.logout': 'Đăng xuất',
  'officer.signingOut': 'Đang đăng xuất…',

  'lookup.heading': 'Tra cứu người theo số định danh',
  'lookup.label': 'Số định danh cá nhân',
  'lookup.hint': 'Gồm đúng 12 chữ số',
  'lookup.invalid': 'Số định danh cá nhân phải gồm đúng 12 chữ số',
  'lookup.submit': 'Tra cứu',

  'person.heading': 'Hồ sơ liên ngành',
  'person.notFound': 'Không tìm thấy người có số định danh này',
  'person.loadError': 'Không tải được dữ liệu',

  'state.loading': 'Đang tải…',
  'state.empty': 'Không có dữ liệu',
  'state.error': 'Đã xảy ra lỗi khi tải dữ liệu',
  'state.requestId': 'Mã yêu cầu (báo cho bộ phận kỹ thuật): {id}',
  'state.forbidden': 'Không có quyền xem',
  'state.unavailableField': 'Tạm thời không khả dụng',
  'state.panelUnavailable': 'Dữ liệu {agency} tạm thời không khả dụng',

  'panel.police': 'Nhân thân (Công an)',
  'panel.labor': 'Cai nghiện (Lao động - Thương binh và Xã hội)',
  'panel.health': 'Y tế',
  'panel.volunteers': 'Tình nguyện viên / Đoàn thể',

  'identity.identificationNumber': 'Số định danh cá nhân',
  'identity.fullName': 'Họ và tên',
  'identity.otherNames': 'Tên gọi khác',
  'identity.dateOfBirth': 'Ngày sinh',
  'identity.sex': 'Giới tính',
  'identity.ethnicity': 'Dân tộc',
  'identity.permanentResidence': 'Nơi thường trú',
  'identity.currentResidence': 'Nơi ở hiện tại',

  'labor.episodes': 'Các đợt cai nghiện',
  'labor.postRehab': 'Quản lý sau cai nghiện',
  'labor.kind': 'Hình thức',
  'labor.status': 'Trạng thái',
  'labor.facility': 'Cơ sở cai nghiện',
  'labor.admittedOn': 'Ngày tiếp nhận',
  'labor.plannedEndOn': 'Dự kiến kết thúc',
  'labor.endedOn': 'Ngày kết thúc',

  'health.determinations': 'Xác định tình trạng nghiện',
  'health.examinedOn': 'Ngày khám',
  'health.result': 'Kết luận',
  'health.addicted': 'Nghiện',
  'health.notAddicted': 'Không nghiện',
  'health.substanceClasses': 'Nhóm chất',
  'health.documentNumber': 'Số văn bản',
  'health.substitution': 'Điều trị thay thế',
  'health.treatmentStatus': 'Trạng thái',
  'health.phase': 'Giai đoạn',
  'health.medication': 'Thuốc',
  'health.clinic': 'Cơ sở điều trị',
  'health.enrolledOn': 'Ngày bắt đầu điều trị',

  'volunteers.assignments': 'Phân công hỗ trợ',
  'volunteers.volunteer': 'Người hỗ trợ',
  'volunteers.phone': 'Điện thoại',
  'volunteers.organisation': 'Tổ chức',
  'volunteers.reason': 'Nội dung hỗ trợ',
  'volunteers.period': 'Thời gian',
  'volunteers.ongoing': 'nay',
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  ...portalEn,
  ...todayEn,
  ...careEn,
  ...inboxEn,
  ...caseworkEn,
  ...communityEn,
  ...psychosisEn,
  ...extractionEn,
  ...licenceEn,
  ...programmeEn,
  ...preventionEn,
  'app.title': 'Inter-agency drug rehabilitation case management',
  'app.skipToContent': 'Skip to main content',
  'lang.switchLabel': 'Change interface language',

  'login.heading': 'Officer sign-in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.required': 'Please enter your username and password',
  'login.networkError': 'Cannot reach the server. Please try again.',
  'login.unexpectedError': 'Sign-in failed. Please try again.',
  'login.sessionExpired': 'Your session has expired. Please sign in again.',

  'officer.region': 'Signed-in officer',
  'officer.agency': 'Agency',
  'officer.role': 'Role',
  'officer.unit': 'Unit',
  'officer.logout': 'Sign out',
  'officer.signingOut': 'Signing out…',

  'lookup.heading': 'Look up a person by identification number',
  'lookup.label': 'Personal identification number',
  'lookup.hint': 'Exactly 12 digits',
  'lookup.invalid': 'The personal identification number must be exactly 12 digits',
  'lookup.submit': 'Look up',

  'person.heading': 'Inter-agency record',
  'person.notFound': 'No person found with this identification number',
  'person.loadError': 'Could not load data',

  'state.loading': 'Loading…',
  'state.empty': 'No data',
  'state.error': 'An error occurred while loading data',
  'state.requestId': 'Request id (give it to technical support): {id}',
  'state.forbidden': 'Not permitted to view',
  'state.unavailableField': 'Temporarily unavailable',
  'state.panelUnavailable': '{agency} data is temporarily unavailable',

  'panel.police': 'Identity (Police)',
  'panel.labor': 'Rehabilitation (Labour, Invalids and Social Affairs)',
  'panel.health': 'Health',
  'panel.volunteers': 'Volunteers / Mass organisations',

  'identity.identificationNumber': 'Personal identification number',
  'identity.fullName': 'Full name',
  'identity.otherNames': 'Other names',
  'identity.dateOfBirth': 'Date of birth',
  'identity.sex': 'Sex',
  'identity.ethnicity': 'Ethnicity',
  'identity.permanentResidence': 'Permanent residence',
  'identity.currentResidence': 'Current residence',

  'labor.episodes': 'Rehabilitation episodes',
  'labor.postRehab': 'Post-rehab management',
  'labor.kind': 'Type',
  'labor.status': 'Status',
  'labor.facility': 'Rehabilitation facility',
  'labor.admittedOn': 'Admitted on',
  'labor.plannedEndOn': 'Planned end',
  'labor.endedOn': 'Ended on',

  'health.determinations': 'Addiction determinations',
  'health.examinedOn': 'Examined on',
  'health.result': 'Conclusion',
  'health.addicted': 'Addicted',
  'health.notAddicted': 'Not addicted',
  'health.substanceClasses': 'Substance classes',
  'health.documentNumber': 'Document number',
  'health.substitution': 'Substitution treatment',
  'health.treatmentStatus': 'Status',
  'health.phase': 'Phase',
  'health.medication': 'Medication',
  'health.clinic': 'Clinic',
  'health.enrolledOn': 'Enrolled on',

  'volunteers.assignments': 'Support assignments',
  'volunteers.volunteer': 'Supporter',
  'volunteers.phone': 'Phone',
  'volunteers.organisation': 'Organisation',
  'volunteers.reason': 'Support provided',
  'volunteers.period': 'Period',
  'volunteers.ongoing': 'present',
};

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { vi, en };

/** Labels for every enum-like value the portal displays. */
const enumLabelsVi = {
  ...portalEnumsVi,
  ...careEnumsVi,
  ...inboxEnumsVi,
  ...caseworkEnumsVi,
  ...communityEnumsVi,
  ...psychosisEnumsVi,
  ...extractionEnumsVi,
  ...licenceEnumsVi,
  ...programmeEnumsVi,
  ...preventionEnumsVi,
  agency: {
    police: 'Công an',
    'labor-welfare': 'Lao động - Thương binh và Xã hội',
    health: 'Y tế',
    volunteers: 'Mặt trận / Đoàn thể',
    court: 'Tòa án nhân dân',
    commune: 'Ủy ban nhân dân cấp xã',
    analysis: 'Ban Chỉ đạo / Phân tích',
  },
  role: {
    police_officer: 'Cán bộ Công an',
    commune_official: 'Cán bộ UBND xã',
    labour_officer: 'Cán bộ ngành Lao động',
    facility_staff: 'Cán bộ cơ sở cai nghiện',
    court_clerk: 'Thư ký Tòa án',
    health_worker: 'Cán bộ Y tế',
    volunteer: 'Tình nguyện viên',
    front_officer: 'Cán bộ Ủy ban Mặt trận Tổ quốc cấp xã',
    analyst: 'Chuyên viên phân tích',
    supervisor: 'Cán bộ giám sát',
  },
  sex: {
    MALE: 'Nam',
    FEMALE: 'Nữ',
  },
  rehabKind: {
    COMPULSORY: 'Cai nghiện bắt buộc',
    VOLUNTARY_FACILITY: 'Cai nghiện tự nguyện tại cơ sở',
    VOLUNTARY_COMMUNITY: 'Cai nghiện tự nguyện tại gia đình, cộng đồng',
  },
  rehabStatus: {
    ADMITTED: 'Đang cai nghiện',
    ON_LEAVE: 'Đang nghỉ phép',
    ABSCONDED: 'Bỏ trốn',
    COMPLETED: 'Đã hoàn thành',
    TERMINATED: 'Đã chấm dứt',
  },
  substanceClass: {
    OPIOIDS: 'Nhóm chất dạng thuốc phiện',
    STIMULANTS: 'Nhóm chất kích thích (ATS)',
    CANNABIS: 'Cần sa',
    OTHER: 'Chất khác',
  },
  treatmentStatus: {
    ACTIVE: 'Đang điều trị',
    STOPPED: 'Đã ngừng điều trị',
  },
  treatmentPhase: {
    INDUCTION: 'Dò liều',
    DOSE_ADJUSTMENT: 'Điều chỉnh liều',
    MAINTENANCE: 'Duy trì',
    TAPERING: 'Giảm liều',
    STOPPED: 'Ngừng điều trị',
  },
  medication: {
    METHADONE: 'Methadone',
    BUPRENORPHINE: 'Buprenorphine',
  },
} as const;

export type EnumName = keyof typeof enumLabelsVi;
type EnumLabels = { [K in EnumName]: Record<keyof (typeof enumLabelsVi)[K], string> };

const enumLabelsEn: EnumLabels = {
  ...portalEnumsEn,
  ...careEnumsEn,
  ...inboxEnumsEn,
  ...caseworkEnumsEn,
  ...communityEnumsEn,
  ...psychosisEnumsEn,
  ...extractionEnumsEn,
  ...licenceEnumsEn,
  ...programmeEnumsEn,
  ...preventionEnumsEn,
  agency: {
    police: 'Police',
    'labor-welfare': 'Labour, Invalids and Social Affairs',
    health: 'Health',
    volunteers: 'Fatherland Front / Mass organisations',
    court: "People's Court",
    commune: "Commune People's Committee",
    analysis: 'Steering Committee / Analysis',
  },
  role: {
    police_officer: 'Police officer',
    commune_official: 'Commune People’s Committee official',
    labour_officer: 'Labour office officer',
    facility_staff: 'Rehabilitation facility staff',
    court_clerk: 'Court clerk',
    health_worker: 'Health worker',
    volunteer: 'Volunteer',
    front_officer: 'Officer of the commune Fatherland Front committee',
    analyst: 'Analyst',
    supervisor: 'Supervisor',
  },
  sex: {
    MALE: 'Male',
    FEMALE: 'Female',
  },
  rehabKind: {
    COMPULSORY: 'Compulsory rehabilitation',
    VOLUNTARY_FACILITY: 'Voluntary rehabilitation at a facility',
    VOLUNTARY_COMMUNITY: 'Voluntary rehabilitation at home / in the community',
  },
  rehabStatus: {
    ADMITTED: 'Admitted',
    ON_LEAVE: 'On leave',
    ABSCONDED: 'Absconded',
    COMPLETED: 'Completed',
    TERMINATED: 'Terminated',
  },
  substanceClass: {
    OPIOIDS: 'Opioids',
    STIMULANTS: 'Stimulants (ATS)',
    CANNABIS: 'Cannabis',
    OTHER: 'Other substances',
  },
  treatmentStatus: {
    ACTIVE: 'In treatment',
    STOPPED: 'Treatment stopped',
  },
  treatmentPhase: {
    INDUCTION: 'Induction',
    DOSE_ADJUSTMENT: 'Dose adjustment',
    MAINTENANCE: 'Maintenance',
    TAPERING: 'Tapering',
    STOPPED: 'Stopped',
  },
  medication: {
    METHADONE: 'Methadone',
    BUPRENORPHINE: 'Buprenorphine',
  },
};

const ENUM_LABELS: Record<Locale, EnumLabels> = { vi: enumLabelsVi, en: enumLabelsEn };

export type Agency = keyof (typeof enumLabelsVi)['agency'];
export type Role = keyof (typeof enumLabelsVi)['role'];

function lookupLabel(table: Readonly<Record<string, string>>, value: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, value) ? table[value] : undefined;
}

/** Label of an enum value in the given locale; unknown values are shown as they are. */
export function enumLabel(locale: Locale, name: EnumName, value: string): string {
  const table: Readonly<Record<string, string>> = ENUM_LABELS[locale][name];
  return lookupLabel(table, value) ?? value;
}

/**
 * A message with its {name} parameters filled in. `{name|one|other}` picks the word by the
 * number in `name` (English plurals; Vietnamese nouns do not inflect): "{count} {count|dose|doses}".
 */
export function translate(locale: Locale, key: MessageKey, params?: Readonly<Record<string, string>>): string {
  const template = MESSAGES[locale][key];
  if (!params) return template;
  return template
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole: string, name: string, one: string, other: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return Number(value.replace(/[.,\s]/g, '')) === 1 ? one : other;
    })
    .replace(/\{(\w+)\}/g, (whole: string, name: string) => params[name] ?? whole);
}

/** A count as the officer's locale writes it: 1.000 in Vietnamese, 1,000 in English. */
export function formatCount(locale: Locale, value: number): string {
  return value.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB');
}

/** "YYYY-MM-DD" (or an ISO date-time) → "dd/mm/yyyy". Anything else is returned unchanged. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** An instant as "dd/mm/yyyy hh:mm" in the officer's time zone (now when omitted). */
export function formatDateTime(value: string | Date = new Date()): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${String(d.getFullYear())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The language the switch offers, named in that language. */
export function otherLocale(locale: Locale): Locale {
  return locale === 'vi' ? 'en' : 'vi';
}

export const LOCALE_NAMES: Record<Locale, string> = { vi: 'Tiếng Việt', en: 'English' };

function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Readonly<Record<string, string>>) => string;
  label: (name: EnumName, value: string) => string;
  formatDate: (value: string | null | undefined) => string;
}

function makeI18n(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  return {
    locale,
    setLocale,
    t: (key, params) => translate(locale, key, params),
    label: (name, value) => enumLabel(locale, name, value),
    formatDate,
  };
}

const I18nContext = createContext<I18n>(makeI18n(DEFAULT_LOCALE, () => undefined));

export function I18nProvider({ children }: { children?: ReactNode }): ReactNode {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this page only.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.title');
  }, [locale]);

  const value = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
