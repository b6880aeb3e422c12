import type { Logger } from 'typeorm';

/**
 * Counts the SQL statements a DataSource sends. Used by tests that prove a request
 * costs a constant number of statements, and by benchmarks.
 */
export class QueryCounter implements Logger {
  private count = 0;
  private readonly recent: string[] = [];

  get total(): number {
    return this.count;
  }

  /** Statements since the last reset, for diagnosing an unexpected count. */
  get statements(): readonly string[] {
    return this.recent;
  }

  reset(): void {
    this.count = 0;
    this.recent.length = 0;
  }

  logQuery(query: string): void {
    if (/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET |SHOW |SELECT version\(\))/i.test(query)) return;
    this.count += 1;
    if (this.recent.length < 200) this.recent.push(query);
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
