import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export type RiskGroup = 'SUSPECTED_USE' | 'YOUTH_AT_RISK' | 'FAMILY_OF_USER' | 'OTHER';
export type PreventionServiceKind = 'RISK_SCREENING' | 'COUNSELLING' | 'LEGAL_AID' | 'REFERRAL';

/** A person at risk on a commune's prevention list, linked to the registry person they became. */
@Entity({ name: 'person_at_risk' })
export class PersonAtRiskEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Column({ name: 'birth_year', type: 'int' })
  birthYear: number;

  @Column({ name: 'commune_code', type: 'varchar', length: 16 })
  communeCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ name: 'risk_group', type: 'varchar', length: 16 })
  riskGroup: RiskGroup;

  @Column({ name: 'listed_on', type: 'date' })
  listedOn: string;

  @Column({ type: 'varchar', length: 32 })
  agency: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ name: 'linked_on', type: 'date', nullable: true })
  linkedOn: string | null;

  @Column({ name: 'removed_on', type: 'date', nullable: true })
  removedOn: string | null;

  @Column({ name: 'removal_reason', type: 'text', nullable: true })
  removalReason: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @VersionColumn()
  version: number;

  /** Not yet a registry person: reads are audited against the entry itself (once linked, against the person). */
  get auditSubjectId(): string {
    return this.id;
  }
}

/** A service given to a person on the list or to a registry person. */
@Entity({ name: 'prevention_service' })
export class PreventionServiceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_at_risk_id', type: 'uuid', nullable: true })
  personAtRiskId: string | null;

  /** The registry person served directly (null for a service given while on the list). */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ type: 'varchar', length: 16 })
  kind: PreventionServiceKind;

  @Column({ name: 'provided_on', type: 'date' })
  providedOn: string;

  @Column({ type: 'varchar', length: 32 })
  agency: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  /** A service given while on a list (no registry person): its reads are audited against the entry. */
  get auditSubjectId(): string | null {
    return this.personAtRiskId;
  }
}
