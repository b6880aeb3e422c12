import { isIsoDate, noticeRejected } from '@rehab/server-kit';
import { isUuid, unitByCode } from '@rehab/shared-schema';
import { ABSCONDER_REASONS, type AbsconderReason } from '../rules/absconder-search';

/**
 * Payloads of the notices labour-welfare sends to police. Each
 * parser refuses a malformed payload for good (422: the sender records it as failed).
 */
export interface AdmittedPayload {
  personId: string;
  admittedOn: string;
}

export interface AbscondedPayload {
  personId: string;
  episodeId: string;
  facilityCode: string;
  reason: AbsconderReason;
  since: string;
}

export interface ReturnedPayload {
  personId: string;
  episodeId: string;
  returnedOn: string;
}

export interface CompletedPayload {
  personId: string;
  episodeId: string;
  facilityCode: string | null;
  completedOn: string;
  certificateNumber: string;
}


export class Fields {
  constructor(private readonly topic: string, private readonly payload: Record<string, unknown>) {}

  private reject(key: string, what: { vi: string; en: string }): never {
    throw noticeRejected({
      vi: `Thông báo ${this.topic}: trường ${key} ${what.vi}`,
      en: `Notice ${this.topic}: field ${key} ${what.en}`,
    });
  }

  uuid(key: string): string {
    const v = this.payload[key];
    if (typeof v !== 'string' || !isUuid(v)) this.reject(key, { vi: 'phải là mã UUID', en: 'must be a UUID' });
    return v.toLowerCase();
  }

  date(key: string): string {
    const v = this.payload[key];
    if (typeof v !== 'string' || !isIsoDate(v)) this.reject(key, { vi: 'phải là ngày dạng YYYY-MM-DD', en: 'must be a YYYY-MM-DD date' });
    return v;
  }

  text(key: string, max: number): string {
    const v = this.payload[key];
    if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
      this.reject(key, { vi: `phải có từ 1 đến ${max} ký tự`, en: `must have 1 to ${max} characters` });
    }
    return v.trim();
  }

  optionalText(key: string, max: number): string | null {
    const v = this.payload[key];
    return v === null || v === undefined ? null : this.text(key, max);
  }

  facility(key: string, nullable: boolean): string | null {
    const v = this.payload[key];
    if (nullable && (v === null || v === undefined)) return null;
    if (typeof v !== 'string' || unitByCode(v)?.level !== 'FACILITY') {
      this.reject(key, { vi: 'phải là mã một cơ sở cai nghiện', en: 'must be the code of a rehab facility' });
    }
    return v;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const v = this.payload[key];
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      this.reject(key, { vi: `phải là một trong ${values.join(', ')}`, en: `must be one of ${values.join(', ')}` });
    }
    return v as T;
  }
}

export function fields(topic: string, payload: unknown): Fields {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw noticeRejected({ vi: `Thông báo ${topic}: nội dung phải là một đối tượng JSON`, en: `Notice ${topic}: the payload must be a JSON object` });
  }
  return new Fields(topic, payload as Record<string, unknown>);
}

export function admittedPayload(payload: unknown): AdmittedPayload {
  const f = fields('rehab.admitted', payload);
  return { personId: f.uuid('personId'), admittedOn: f.date('admittedOn') };
}

export function abscondedPayload(payload: unknown): AbscondedPayload {
  const f = fields('rehab.absconded', payload);
  return {
    personId: f.uuid('personId'), episodeId: f.uuid('episodeId'), facilityCode: f.facility('facilityCode', false) as string,
    reason: f.oneOf('reason', ABSCONDER_REASONS), since: f.date('since'),
  };
}

export function returnedPayload(payload: unknown): ReturnedPayload {
  const f = fields('rehab.returned', payload);
  return { personId: f.uuid('personId'), episodeId: f.uuid('episodeId'), returnedOn: f.date('returnedOn') };
}

export function completedPayload(payload: unknown): CompletedPayload {
  const f = fields('rehab.completed', payload);
  return {
    personId: f.uuid('personId'), episodeId: f.uuid('episodeId'), facilityCode: f.facility('facilityCode', true),
    completedOn: f.date('completedOn'), certificateNumber: f.text('certificateNumber', 64),
  };
}

/** support.relapse-risk, sent by the volunteers subgraph. */
export interface RelapseRiskPayload {
  personId: string;
  assignmentId: string;
  observedOn: string;
  note: string | null;
}

export function relapseRiskPayload(payload: unknown): RelapseRiskPayload {
  const f = fields('support.relapse-risk', payload);
  return {
    personId: f.uuid('personId'), assignmentId: f.uuid('assignmentId'), observedOn: f.date('observedOn'), note: f.optionalText('note', 500),
  };
}
