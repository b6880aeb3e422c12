import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntry, type AuditAction, type Bilingual } from '@rehab/server-kit';
import { UNIT_OFFICER_ROLES, isWithin, unitByCode, type BreakGlassGrant, type Role } from '@rehab/shared-schema';
import { BreakGlassGrantEntity, type GrantState } from './entities';
import { recordSecurityEvent, type SecurityEventKind } from './security-events';
import type { AccessClaims } from './tokens';
import { sessionChanged } from './session-cache';

/** An error a /auth route answers with: HTTP status, public code, bilingual text. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Bilingual,
    readonly field?: string,
  ) {
    super(text.en);
  }
}

export const MIN_REASON_LENGTH = 15;
export const MAX_REASON_LENGTH = 500;
export const MAX_DURATION_MINUTES = 240;
export const DEFAULT_DURATION_MINUTES = 60;
/** Active grants one session may hold at once. */
export const MAX_ACTIVE_GRANTS = 5;

/**
 * Who may break the glass: officers who work on named persons' cases. Not analysts
 * (aggregates and pseudonyms only), volunteers (they see the persons assigned to
 * them, not a unit) or supervisors (who review the grants).
 */
export const BREAK_GLASS_ROLES: readonly Role[] = UNIT_OFFICER_ROLES;
export const REVIEWER_ROLES: readonly Role[] = ['supervisor'];

/** List filters: pending review (opened, not yet reviewed), awaiting approval (PENDING), reviewed, all. */
export type GrantStatus = 'pending' | 'awaiting-approval' | 'reviewed' | 'all';

/** Levels a grant may open without approval: one commune (or one facility, clinic, court). Wider ones wait. */
const OPENS_AT_ONCE = new Set(['COMMUNE', 'FACILITY', 'CLINIC', 'COURT']);

/** The client of a request, for the security event. */
interface Client {
  ip: string;
}

export interface BreakGlassRequest {
  unitCode: unknown;
  reason: unknown;
  durationMinutes?: unknown;
}

/** A grant as the /auth/break-glass routes show it. */
export interface GrantView {
  grantId: string;
  username: string;
  agency: string;
  role: string;
  unitCode: string;
  targetUnitCode: string;
  targetUnitName: string;
  reason: string;
  createdAt: string;
  expiresAt: string;
  active: boolean;
  /** OPEN, PENDING (waits for a supervisor's approval) or REFUSED. */
  status: GrantState;
  decidedAt: string | null;
  decidedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
}

const badInput = (field: string, text: Bilingual) => new RequestError(400, 'BAD_USER_INPUT', text, field);

export const REVIEW_FORBIDDEN: Bilingual = {
  vi: 'Chỉ cán bộ giám sát mới được xem và xác nhận các lần truy cập khẩn cấp',
  en: 'Only supervisors may list and review break-the-glass accesses',
};

function view(g: BreakGlassGrantEntity, now: Date): GrantView {
  return {
    grantId: g.id,
    username: g.username,
    agency: g.agency,
    role: g.role,
    unitCode: g.unitCode,
    targetUnitCode: g.targetUnitCode,
    targetUnitName: unitByCode(g.targetUnitCode)?.name ?? g.targetUnitCode,
    reason: g.reason,
    createdAt: g.createdAt.toISOString(),
    expiresAt: g.expiresAt.toISOString(),
    active: g.status === 'OPEN' && g.expiresAt > now,
    status: g.status,
    decidedAt: g.decidedAt?.toISOString() ?? null,
    decidedBy: g.deciderUsername,
    reviewedAt: g.reviewedAt?.toISOString() ?? null,
    reviewedBy: g.reviewerUsername,
    reviewNote: g.reviewNote,
  };
}

/** The append-only audit row of a grant's creation or review, in the same transaction. */
async function auditGrant(
  manager: EntityManager,
  claims: AccessClaims,
  action: AuditAction,
  fields: string[],
  grant: BreakGlassGrantEntity,
  purpose: string,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(AuditLogEntry)
    .values({
      userId: claims.accountId,
      username: claims.username,
      agency: claims.agency,
      role: claims.role,
      unitCode: claims.unitCode,
      action,
      personId: null,
      entityType: 'BreakGlassGrant',
      fields,
      purpose,
      requestId: grant.id,
    })
    .updateEntity(false)
    .execute();
}

function checkedDuration(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_DURATION_MINUTES;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_DURATION_MINUTES) {
    throw badInput('durationMinutes', {
      vi: `Thời hạn truy cập phải là số phút nguyên từ 1 đến ${MAX_DURATION_MINUTES}`,
      en: `The duration must be a whole number of minutes from 1 to ${MAX_DURATION_MINUTES}`,
    });
  }
  return value;
}

function checkedReason(value: unknown): string {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (reason.length < MIN_REASON_LENGTH || reason.length > MAX_REASON_LENGTH) {
    throw badInput('reason', {
      vi: `Cần nêu lý do truy cập (từ ${MIN_REASON_LENGTH} đến ${MAX_REASON_LENGTH} ký tự)`,
      en: `State the reason for the access (${MIN_REASON_LENGTH} to ${MAX_REASON_LENGTH} characters)`,
    });
  }
  return reason;
}

/**
 * Break the glass: access outside one's unit needs a stated reason, is
 * time-limited, and is flagged for a supervisor's review.
 */
export class BreakGlassService {
  constructor(private readonly db: DataSource) {}

  /**
   * Opens another unit's subtree to the caller's session for a time: at once for one
   * commune (facility, clinic, court); a district or province waits PENDING for a supervisor.
   */
  async request(
    claims: AccessClaims,
    input: BreakGlassRequest,
    client: Client = { ip: 'unknown' },
    now: Date = new Date(),
  ): Promise<GrantView> {
    if (!BREAK_GLASS_ROLES.includes(claims.role)) {
      throw new RequestError(403, 'FORBIDDEN', {
        vi: 'Vai trò của bạn không được phép truy cập khẩn cấp ngoài đơn vị',
        en: 'Your role may not break the glass to reach outside its unit',
      });
    }
    const own = unitByCode(claims.unitCode);
    const target = typeof input.unitCode === 'string' ? unitByCode(input.unitCode) : undefined;
    if (!own || !target) {
      throw badInput('unitCode', { vi: 'Không có đơn vị hành chính với mã này', en: 'No administrative unit with this code' });
    }
    if (isWithin(target.path, own.path)) {
      throw badInput('unitCode', {
        vi: 'Đơn vị này đã thuộc phạm vi của bạn, không cần truy cập khẩn cấp',
        en: 'This unit is already within your scope; no break-the-glass access is needed',
      });
    }
    if (isWithin(own.path, target.path)) {
      throw badInput('unitCode', {
        vi: 'Hãy chọn đúng đơn vị cần truy cập, không chọn đơn vị cấp trên của mình',
        en: 'Name the unit you need, not one above your own',
      });
    }
    const reason = checkedReason(input.reason);
    const minutes = checkedDuration(input.durationMinutes);
    const repository = this.db.getRepository(BreakGlassGrantEntity);
    const active = await repository
      .createQueryBuilder('g')
      .where(`g.session_id = :session AND g.expires_at > :now AND g.status <> 'REFUSED'`, { session: claims.sessionId, now })
      .getCount();
    if (active >= MAX_ACTIVE_GRANTS) {
      throw new RequestError(409, 'CONFLICT', {
        vi: `Đã có ${MAX_ACTIVE_GRANTS} lần truy cập khẩn cấp đang hiệu lực trong phiên này`,
        en: `This session already holds ${MAX_ACTIVE_GRANTS} active break-the-glass grants`,
      });
    }
    const grant = repository.create({
      id: randomUUID(),
      accountId: claims.accountId,
      sessionId: claims.sessionId,
      username: claims.username,
      agency: claims.agency,
      role: claims.role,
      unitCode: own.code,
      unitPath: own.path,
      targetUnitCode: target.code,
      targetUnitPath: target.path,
      reason,
      createdAt: now,
      expiresAt: new Date(now.getTime() + minutes * 60_000),
      reviewedAt: null,
      reviewedBy: null,
      reviewerUsername: null,
      reviewNote: null,
      status: OPENS_AT_ONCE.has(target.level) ? 'OPEN' : 'PENDING',
      durationMinutes: minutes,
      decidedAt: null,
      decidedBy: null,
      deciderUsername: null,
      decisionNote: null,
    });
    await this.db.transaction(async (manager) => {
      await manager.getRepository(BreakGlassGrantEntity).insert(grant);
      await auditGrant(
        manager,
        claims,
        'BREAK_GLASS',
        ['targetUnitCode', 'reason', 'expiresAt', 'status'],
        grant,
        `break-glass ${target.code}${grant.status === 'PENDING' ? ' (awaiting approval)' : ''}: ${reason}`,
      );
      await grantEvent(manager, 'BREAK_GLASS_REQUEST', claims, grant, client, { status: grant.status });
    });
    sessionChanged(this.db, grant.sessionId);
    return view(grant, now);
  }

  /** The grants that widen a session's scope now, as the signed caller context carries them. */
  async activeForSession(sessionId: string, now: Date = new Date()): Promise<BreakGlassGrant[]> {
    const rows = await this.db
      .getRepository(BreakGlassGrantEntity)
      .createQueryBuilder('g')
      .where(`g.session_id = :sessionId AND g.status = 'OPEN' AND g.expires_at > :now`, { sessionId, now })
      .orderBy('g.created_at', 'ASC')
      .getMany();
    return rows.map(toContextGrant);
  }

  /** The caller's own grants in this session that are still active. */
  async mine(claims: AccessClaims, now: Date = new Date()): Promise<GrantView[]> {
    const rows = await this.db
      .getRepository(BreakGlassGrantEntity)
      .createQueryBuilder('g')
      .where(`g.session_id = :session AND g.expires_at > :now AND g.status <> 'REFUSED'`, { session: claims.sessionId, now })
      .orderBy('g.created_at', 'ASC')
      .getMany();
    return rows.map((g) => view(g, now));
  }

  private requireReviewer(claims: AccessClaims): string {
    const unit = unitByCode(claims.unitCode);
    if (!REVIEWER_ROLES.includes(claims.role) || !unit) throw new RequestError(403, 'FORBIDDEN', REVIEW_FORBIDDEN);
    return unit.path;
  }

  /**
   * Grants a supervisor reviews: those requested from, or opening, a unit within the
   * supervisor's subtree; oldest first.
   */
  async list(claims: AccessClaims, status: GrantStatus, now: Date = new Date()): Promise<GrantView[]> {
    const path = this.requireReviewer(claims);
    const query = this.db
      .getRepository(BreakGlassGrantEntity)
      .createQueryBuilder('g')
      .where(`(g.unit_path = :path OR g.unit_path LIKE :like OR g.target_unit_path = :path OR g.target_unit_path LIKE :like)`, {
        path,
        like: `${path}.%`,
      });
    if (status === 'pending') query.andWhere(`g.reviewed_at IS NULL AND g.status <> 'PENDING'`);
    if (status === 'awaiting-approval') query.andWhere(`g.status = 'PENDING'`);
    if (status === 'reviewed') query.andWhere('g.reviewed_at IS NOT NULL');
    const rows = await query.orderBy('g.created_at', 'ASC').addOrderBy('g.id', 'ASC').take(500).getMany();
    return rows.map((g) => view(g, now));
  }

  /** A grant a supervisor may review or decide: in the subtree, not their own; with the checked note. */
  private async reviewable(
    claims: AccessClaims,
    grantId: string,
    note: unknown,
  ): Promise<{ grant: BreakGlassGrantEntity; text: string | null }> {
    const path = this.requireReviewer(claims);
    if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > 1000)) {
      throw badInput('note', { vi: 'Ghi chú tối đa 1000 ký tự', en: 'The note may have at most 1000 characters' });
    }
    const notFound = new RequestError(404, 'NOT_FOUND', {
      vi: 'Không tìm thấy lần truy cập khẩn cấp này',
      en: 'No such break-the-glass grant',
    });
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(grantId)) throw notFound;
    const grant = await this.db.getRepository(BreakGlassGrantEntity).findOneBy({ id: grantId });
    if (!grant || !(isWithin(grant.unitPath, path) || isWithin(grant.targetUnitPath, path))) throw notFound;
    if (grant.accountId === claims.accountId) {
      throw new RequestError(403, 'FORBIDDEN', {
        vi: 'Không được tự xác nhận lần truy cập khẩn cấp của chính mình',
        en: 'You may not review your own break-the-glass access',
      });
    }
    return { grant, text: typeof note === 'string' && note.trim() ? note.trim() : null };
  }

  /**
   * A supervisor approves (it opens now, for the requested duration) or refuses a PENDING
   * grant, once; audited and recorded as a security event.
   */
  async decide(
    claims: AccessClaims,
    grantId: string,
    approve: unknown,
    note: unknown,
    client: Client = { ip: 'unknown' },
    now: Date = new Date(),
  ): Promise<GrantView> {
    if (typeof approve !== 'boolean') {
      throw badInput('approve', { vi: 'Cần chọn phê duyệt (true) hoặc từ chối (false)', en: 'approve must be true or false' });
    }
    const { grant, text } = await this.reviewable(claims, grantId, note);
    const status: GrantState = approve ? 'OPEN' : 'REFUSED';
    const expiresAt = approve ? new Date(now.getTime() + (grant.durationMinutes ?? DEFAULT_DURATION_MINUTES) * 60_000) : now;
    const decided = {
      status,
      expiresAt,
      decidedAt: now,
      decidedBy: claims.accountId,
      deciderUsername: claims.username,
      decisionNote: text,
    };
    await this.db.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(BreakGlassGrantEntity)
        .set(decided)
        .where(`id = :id AND status = 'PENDING'`, { id: grantId })
        .execute();
      if (!result.affected) {
        throw new RequestError(409, 'CONFLICT', {
          vi: 'Yêu cầu này không còn chờ phê duyệt',
          en: 'This grant is not awaiting approval',
        });
      }
      await auditGrant(
        manager,
        claims,
        'CHANGE',
        ['status', 'expiresAt', 'decisionNote'],
        grant,
        `break-glass ${approve ? 'approved' : 'refused'}${text ? `: ${text}` : ''}`,
      );
      await grantEvent(manager, approve ? 'BREAK_GLASS_GRANT' : 'BREAK_GLASS_REFUSE', claims, grant, client, {
        holder: grant.username,
      });
    });
    sessionChanged(this.db, grant.sessionId);
    return view({ ...grant, ...decided }, now);
  }

  /** Marks a grant reviewed, once, by a supervisor other than its holder. */
  async review(
    claims: AccessClaims,
    grantId: string,
    note: unknown,
    client: Client = { ip: 'unknown' },
    now: Date = new Date(),
  ): Promise<GrantView> {
    const { grant, text } = await this.reviewable(claims, grantId, note);
    await this.db.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(BreakGlassGrantEntity)
        .set({ reviewedAt: now, reviewedBy: claims.accountId, reviewerUsername: claims.username, reviewNote: text })
        .where('id = :id AND reviewed_at IS NULL', { id: grantId })
        .execute();
      if (!result.affected) {
        throw new RequestError(409, 'CONFLICT', {
          vi: 'Lần truy cập này đã được xác nhận',
          en: 'This grant has already been reviewed',
        });
      }
      await auditGrant(
        manager,
        claims,
        'CHANGE',
        ['reviewedAt', 'reviewNote'],
        grant,
        `break-glass review${text ? `: ${text}` : ''}`,
      );
      await grantEvent(manager, 'BREAK_GLASS_REVIEW', claims, grant, client, { holder: grant.username });
    });
    return view(
      { ...grant, reviewedAt: now, reviewedBy: claims.accountId, reviewerUsername: claims.username, reviewNote: text },
      now,
    );
  }
}

/** The security event of a grant's request, decision or review, in the same transaction. */
async function grantEvent(
  manager: EntityManager,
  kind: SecurityEventKind,
  claims: AccessClaims,
  grant: BreakGlassGrantEntity,
  client: Client,
  detail: Record<string, unknown>,
): Promise<void> {
  await recordSecurityEvent(manager, {
    kind,
    username: claims.username,
    accountId: claims.accountId,
    sessionId: claims.sessionId,
    unitCode: claims.unitCode,
    ip: client.ip,
    detail: { grantId: grant.id, targetUnitCode: grant.targetUnitCode, ...detail },
  });
}

function toContextGrant(g: BreakGlassGrantEntity): BreakGlassGrant {
  return { grantId: g.id, unitPath: g.targetUnitPath, reason: g.reason, expiresAt: g.expiresAt.toISOString() };
}
