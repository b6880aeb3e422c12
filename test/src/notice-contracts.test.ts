/**
 * Cross-agency notices have one contract each (server-kit's catalogue), shared by the sender
 * and every receiver. Checked here for every registered subgraph: each contract addressed
 * to a subgraph has its handler there and nothing else is handled; a payload is read by
 * its contract alone (the example round-trips, a missing or mistyped field is refused by
 * name); a notice from a subgraph that is not the topic's sender is refused before any
 * database work; and subgraph code sends only through `sendNotice`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { GraphQLError } from 'graphql';
import {
  COMMON_NOTICE_HANDLERS,
  NOTICE_CONTRACTS,
  contractsTo,
  parseNotice,
  receiverHandlers,
  type Notice,
} from '@rehab/server-kit';
import { SUBGRAPHS } from '@rehab/ops';

const ROOT = join(__dirname, '..', '..');

function refusal(run: () => unknown): { code: unknown; en: string } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { code: error.extensions.code, en: (error.extensions.i18n as { en: string }).en };
  }
  throw new Error('not refused');
}

describe('the notice catalogue', () => {
  it('names each topic once, with a sender that is not among its receivers', () => {
    const topics = NOTICE_CONTRACTS.map((c) => c.topic);
    expect(new Set(topics).size).toBe(topics.length);
    for (const c of NOTICE_CONTRACTS) {
      expect(c.to.length).toBeGreaterThan(0);
      expect(c.to).not.toContain(c.from);
    }
  });

  it.each(NOTICE_CONTRACTS.map((c) => [c.topic, c] as const))(
    '%s: the example survives JSON and reads back unchanged',
    (_topic, contract) => {
      const wire: unknown = JSON.parse(JSON.stringify(contract.example));
      expect(parseNotice(contract, wire)).toEqual(contract.example);
    },
  );

  it.each(NOTICE_CONTRACTS.map((c) => [c.topic, c] as const))(
    '%s: a mistyped field is refused by name; a missing one unless optional',
    (_topic, contract) => {
      for (const key of Object.keys(contract.shape)) {
        const mistyped = refusal(() => parseNotice(contract, { ...contract.example, [key]: 42 }));
        expect(mistyped).toEqual({ code: 'BAD_USER_INPUT', en: expect.stringContaining(`field ${key} `) });
        const rest = Object.fromEntries(Object.entries(contract.example).filter(([name]) => name !== key));
        const optional = contract.shape[key]?.read(undefined).ok ?? false;
        if (optional) expect(() => parseNotice(contract, rest)).not.toThrow();
        else expect(refusal(() => parseNotice(contract, rest)).en).toContain(`field ${key} `);
      }
      expect(refusal(() => parseNotice(contract, [contract.example])).en).toContain('must be a JSON object');
    },
  );
});

describe.each(SUBGRAPHS.map((s) => [s.name, s] as const))('subgraph %s as a receiver', (name, subgraph) => {
  const handlers = receiverHandlers(name, COMMON_NOTICE_HANDLERS, subgraph.module.noticeHandlers);

  it('handles exactly the topics addressed to it', () => {
    expect(Object.keys(handlers).sort()).toEqual(
      contractsTo(name)
        .map((c) => c.topic)
        .sort(),
    );
  });

  it('refuses a topic from a subgraph that does not send it, without touching its database', async () => {
    const untouchable = new Proxy(
      {},
      {
        get: () => {
          throw new Error('the database was touched');
        },
      },
    ) as EntityManager;
    for (const contract of contractsTo(name)) {
      const impostor = SUBGRAPHS.map((s) => s.name).find((n) => n !== contract.from && n !== name);
      if (!impostor) continue;
      const notice: Notice = {
        id: '00000000-0000-4000-8000-000000000001',
        topic: contract.topic,
        source: impostor,
        destination: name,
        payload: contract.example,
        createdAt: new Date().toISOString(),
      };
      await expect(handlers[contract.topic]?.(untouchable, notice)).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === '__tests__' || entry === '__generated__' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('senders', () => {
  it('send only through sendNotice, so every notice leaves by its contract', () => {
    const direct = SUBGRAPHS.flatMap((s) => sourceFiles(join(ROOT, 'subgraphs', s.name, 'src'))).filter((file) =>
      /\benqueueNotice\s*\(/.test(readFileSync(file, 'utf8')),
    );
    expect(direct).toEqual([]);
  });

  it('name a sender and receivers that are registered subgraphs', () => {
    const names = SUBGRAPHS.map((s) => s.name);
    for (const c of NOTICE_CONTRACTS) expect([c.from, ...c.to].filter((n) => !names.includes(n))).toEqual([]);
  });
});
