import {
  AdministrativeUnitEntity, AuditLogEntry, CreateAuditLog1763800000001, CreateReferenceData1763800000000,
  LegalRuleEntity, createDataSource,
} from '@rehab/server-kit';
import { OfficerAccount, OfficerSession } from './entities';
import { CreateOfficerAccounts1763800005000 } from '../migrations/1763800005000-CreateOfficerAccounts';

/** The gateway's own database: officer accounts and sessions (plus reference units). */
export function createIdentityDataSource(env: NodeJS.ProcessEnv = process.env) {
  return createDataSource({
    owner: 'identity',
    entities: [AdministrativeUnitEntity, LegalRuleEntity, AuditLogEntry, OfficerAccount, OfficerSession],
    migrations: [CreateReferenceData1763800000000, CreateAuditLog1763800000001, CreateOfficerAccounts1763800005000],
    env,
  });
}
