import {
  AdministrativeUnitEntity,
  AdoptRealUnits1764700000000,
  AuditLogEntry,
  CreateUnitPatchLog1764700000200,
  CreateAuditLog1763800000001,
  CreateMigrationStatus1796226354475,
  CreateReferenceData1763800000000,
  LegalRuleEntity,
  PersonUnitAssignmentEntity,
  UnitLineageEntity,
  createDataSource,
} from '@rehab/server-kit';
import { BreakGlassGrantEntity, OfficerAccount, OfficerSession } from './entities';
import { CreateOfficerAccounts1763800005000 } from '../migrations/1763800005000-CreateOfficerAccounts';
import { CreateBreakGlassGrants1763800006000 } from '../migrations/1763800006000-CreateBreakGlassGrants';
import { AddRefreshTokens1763800007000 } from '../migrations/1763800007000-AddRefreshTokens';
import { SecurityEvents1764700006000 } from '../migrations/1764700006000-SecurityEvents';
import { CreateRateLimitBuckets1796227000000 } from '../migrations/1796227000000-CreateRateLimitBuckets';
import { RateLimitLeases1796500002000 } from '../migrations/1796500002000-RateLimitLeases';
import { SessionChangeNotices1796500002100 } from '../migrations/1796500002100-SessionChangeNotices';

/** The gateway's own database: officer accounts, sessions, break-the-glass grants (plus the reference tables). */
export function createIdentityDataSource(env: NodeJS.ProcessEnv = process.env) {
  return createDataSource({
    owner: 'identity',
    entities: [
      AdministrativeUnitEntity,
      UnitLineageEntity,
      PersonUnitAssignmentEntity,
      LegalRuleEntity,
      AuditLogEntry,
      OfficerAccount,
      OfficerSession,
      BreakGlassGrantEntity,
    ],
    migrations: [
      CreateReferenceData1763800000000,
      CreateAuditLog1763800000001,
      CreateOfficerAccounts1763800005000,
      CreateBreakGlassGrants1763800006000,
      AddRefreshTokens1763800007000,
      AdoptRealUnits1764700000000,
      CreateUnitPatchLog1764700000200,
      SecurityEvents1764700006000,
      CreateMigrationStatus1796226354475,
      CreateRateLimitBuckets1796227000000,
      RateLimitLeases1796500002000,
      SessionChangeNotices1796500002100,
    ],
    env,
  });
}
