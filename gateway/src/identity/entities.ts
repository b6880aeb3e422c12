import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Agency, Role } from '@rehab/shared-schema';

/** An officer's account (tài khoản cán bộ): agency, role, administrative unit, active flag. */
@Entity({ name: 'officer_account' })
export class OfficerAccount {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'varchar', length: 32 })
  agency: Agency;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}

/** A login session; logout revokes it and every access token issued for it. */
@Entity({ name: 'officer_session' })
export class OfficerSession {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** Why the session ended early: logout, refresh-reuse (a rotated refresh token came back), inactive. */
  @Column({ name: 'revoked_reason', type: 'varchar', length: 32, nullable: true })
  revokedReason: string | null;

  /** SHA-256 (hex) of the current refresh token; the token itself is never stored. */
  @Column({ name: 'refresh_token_hash', type: 'varchar', length: 64, nullable: true })
  refreshTokenHash: string | null;

  /** Hashes of refresh tokens already exchanged: seeing one again means theft. */
  @Column({ name: 'rotated_refresh_hashes', type: 'varchar', length: 64, array: true, default: () => "'{}'" })
  rotatedRefreshHashes: string[];

  @Column({ name: 'refreshed_at', type: 'timestamptz', nullable: true })
  refreshedAt: Date | null;
}

/** A break-the-glass grant (truy cập khẩn cấp): access to another unit's subtree, for a time, for a reason. */
@Entity({ name: 'break_glass_grant' })
export class BreakGlassGrantEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 32 })
  agency: Agency;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ name: 'unit_path', type: 'text' })
  unitPath: string;

  @Column({ name: 'target_unit_code', type: 'varchar', length: 16 })
  targetUnitCode: string;

  @Column({ name: 'target_unit_path', type: 'text' })
  targetUnitPath: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewer_username', type: 'varchar', length: 64, nullable: true })
  reviewerUsername: string | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  /** OPEN (in force until expiresAt), PENDING (wider than one commune: waits for a supervisor), REFUSED. */
  @Column({ type: 'varchar', length: 16, default: 'OPEN' })
  status: GrantState;

  @Column({ name: 'duration_minutes', type: 'integer', nullable: true })
  durationMinutes: number | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decider_username', type: 'varchar', length: 64, nullable: true })
  deciderUsername: string | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;
}

export type GrantState = 'OPEN' | 'PENDING' | 'REFUSED';
