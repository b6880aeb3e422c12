import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { isUuid, accessLogFieldName, type SubgraphName } from '@rehab/shared-schema';
import type { AuditAction } from './entity';

/** An audit row as the AccessLogEntry type shows it. */
export interface AccessLogRow {
  personId: string;
  occurredAt: Date;
  username: string;
  role: string;
  unitCode: string;
  action: AuditAction;
  entityType: string;
  fields: string[];
  purpose: string;
  requestId: string;
}

/** Most rows shown per person and subgraph (the newest). */
export const ACCESS_LOG_LIMIT = 200;

interface RawRow {
  person_id: string;
  occurred_at: Date;
  username: string;
  role: string;
  unit_code: string;
  action: AuditAction;
  entity_type: string;
  fields: string[];
  purpose: string;
  request_id: string;
}

/** The newest audit rows of each person in `personIds`, in one statement. */
export async function loadAccessLogs(db: DataSource, personIds: readonly string[]): Promise<AccessLogRow[][]> {
  const ids = [...new Set(personIds.filter((id) => isUuid(id)))];
  const rows =
    ids.length === 0
      ? []
      : await db.query<RawRow[]>(
          `SELECT person_id, occurred_at, username, role, unit_code, action, entity_type, fields, purpose, request_id
       FROM (SELECT a.*, row_number() OVER (PARTITION BY a.person_id ORDER BY a.occurred_at DESC, a.id DESC) AS n
               FROM audit_log a WHERE a.person_id = ANY($1::uuid[])) ranked
      WHERE n <= $2 ORDER BY person_id, occurred_at DESC, n`,
          [ids, ACCESS_LOG_LIMIT],
        );
  const byPerson = new Map<string, AccessLogRow[]>();
  for (const r of rows) {
    const row: AccessLogRow = {
      personId: r.person_id,
      occurredAt: r.occurred_at,
      username: r.username,
      role: r.role,
      unitCode: r.unit_code,
      action: r.action,
      entityType: r.entity_type,
      fields: r.fields,
      purpose: r.purpose,
      requestId: r.request_id,
    };
    const list = byPerson.get(row.personId);
    if (list) list.push(row);
    else byPerson.set(row.personId, [row]);
  }
  return personIds.map((id) => byPerson.get(id.toLowerCase()) ?? []);
}

interface AccessLogContext {
  db: DataSource;
}

// One loader per request context: batched across all persons of the request, cached only for it.
const loaders = new WeakMap<object, DataLoader<string, AccessLogRow[]>>();

export function accessLogLoader(context: AccessLogContext): DataLoader<string, AccessLogRow[]> {
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader<string, AccessLogRow[]>((ids) => loadAccessLogs(context.db, ids), { maxBatchSize: 1000 });
    loaders.set(context, loader);
  }
  return loader;
}

function personIdOf(person: unknown): string | null {
  const id = (person as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}

/**
 * The Person resolver of a subgraph's access-log field. Access (supervisors only) and
 * the audit of the read itself are the access matrix's business, as for any field.
 */
export function accessLogResolvers(
  subgraph: SubgraphName,
): Record<string, (person: unknown, args: unknown, context: AccessLogContext) => Promise<AccessLogRow[]>> {
  return {
    [accessLogFieldName(subgraph)]: async (person, _args, context) => {
      const id = personIdOf(person);
      return id ? accessLogLoader(context).load(id) : [];
    },
  };
}
