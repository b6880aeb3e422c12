import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ALL_ROLES, SHARED_RULES, type AccessMatrix, type SubgraphName } from '@rehab/shared-schema';
import { createDataSource } from '../db';
import { AddOutboxLease1796226400000, CreateOutbox1763800000002 } from '../outbox';

/** The outbox tests' two subgraphs (a sender and a receiver of one test topic) and their databases. */

/** The receiver's visible effect of a notice: one row per handler run that committed. */
export class CreateNoticeEffect1763800000099 implements MigrationInterface {
  name = 'CreateNoticeEffect1763800000099';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE notice_effect (n serial PRIMARY KEY, notice_id uuid NOT NULL, value text NOT NULL)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE notice_effect');
  }
}

export const SENDER: SubgraphName = 'labor-welfare';
export const RECEIVER: SubgraphName = 'police';
export const TOPIC = 'test.effect';

export const SCHEMA = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
type Person @key(fields: "id") { id: ID! }
type Query { outboxPing: String }
type Mutation { recordEvent(value: String!): ID! }
`;

const everyone = { owner: 'shared' as const, read: ALL_ROLES };
export const MATRIX: AccessMatrix = {
  ...SHARED_RULES,
  'Person.id': everyone,
  'Query.outboxPing': everyone,
  'Mutation.recordEvent': everyone,
};

/** A data source of the outbox tests: the outbox tables and the receiver's effect table. */
export const createSource = (owner: SubgraphName) => (env: NodeJS.ProcessEnv) =>
  createDataSource({
    owner,
    entities: [],
    migrations: [CreateOutbox1763800000002, AddOutboxLease1796226400000, CreateNoticeEffect1763800000099],
    env,
  });
