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
}
