import type { DataSource } from 'typeorm';
import type { AuditAction } from './entity';

/** One audit row as the collector makes it (occurred_at and id come from the database). */
export interface AuditRow {
  userId: string;
  username: string;
  agency: string;
  role: string;
  unitCode: string;
  action: AuditAction;
  personId: string | null;
  entityType: string;
  fields: string[];
  purpose: string;
  requestId: string;
}

/** Where a request's audit rows of reads go before its response leaves. */
export interface AuditSink {
  write(rows: readonly AuditRow[]): Promise<void>;
}

/** Rows of one INSERT at most (a request's rows always go whole into one statement). */
const MAX_BATCH_ROWS = 1_000;

const INSERT = `INSERT INTO audit_log (user_id, username, agency, role, unit_code, action, person_id, entity_type, fields, purpose, request_id)
  SELECT r."userId", r.username, r.agency, r.role, r."unitCode", r.action, r."personId", r."entityType",
         ARRAY(SELECT json_array_elements_text(r.fields)), r.purpose, r."requestId"
    FROM json_to_recordset($1::json) AS r("userId" varchar, username varchar, agency varchar, role varchar, "unitCode" varchar,
         action varchar, "personId" uuid, "entityType" varchar, fields json, purpose text, "requestId" varchar)`;

interface Waiting {
  rows: readonly AuditRow[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit of the audit of reads: a request's rows are written at once when nothing is
 * being written, else with the other requests' rows that arrive meanwhile, in one
 * statement when the write in flight ends. Each request still waits for its own rows to be
 * written (no audit row, no data). When a batch fails, its requests are written one by one,
 * so a request is refused only for its own rows.
 */
export class AuditWriter implements AuditSink {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly db: DataSource) {}

  write(rows: readonly AuditRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) await this.writeBatch(this.nextBatch());
    } finally {
      this.writing = false;
    }
  }

  private nextBatch(): Waiting[] {
    let rows = 0;
    let count = 0;
    while (count < this.waiting.length && (count === 0 || rows + (this.waiting[count]?.rows.length ?? 0) <= MAX_BATCH_ROWS)) {
      rows += this.waiting[count]?.rows.length ?? 0;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  private async writeBatch(batch: Waiting[]): Promise<void> {
    try {
      await this.insert(batch.flatMap((w) => w.rows));
      for (const w of batch) w.resolve();
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      else for (const w of batch) await this.writeBatch([w]);
    }
  }

  private async insert(rows: readonly AuditRow[]): Promise<void> {
    await this.db.query(INSERT, [JSON.stringify(rows)]);
  }
}

const writers = new WeakMap<DataSource, AuditWriter>();

/** The audit writer of a subgraph's database (one per DataSource, so its requests share the batches). */
export function auditWriterOf(db: DataSource): AuditWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new AuditWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
