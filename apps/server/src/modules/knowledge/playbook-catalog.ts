import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type { PlaybookSet } from '@flowpilot/assistant/chat-model';
import { loadPlaybookPack } from '@flowpilot/assistant/offline/playbook-pack';
import type { Playbook } from '@flowpilot/core/playbook';
import type { Db } from '@flowpilot/db/database';
import { builtinPlaybookId } from './builtin-playbook-id.ts';
import { loadPublishedPlaybooks } from './playbooks.repository.ts';

/** The playbooks one account's sessions work from, and the row id behind each slug. */
export interface AccountPlaybooks {
  set: PlaybookSet;
  idBySlug: ReadonlyMap<string, string>;
}

export const playbookInvalidationChannel = 'flowpilot:playbooks';

/** Longest an entry is trusted while invalidations may be going missing (Redis down). */
const UNSURE_TTL_MS = 2_000;
/** Longest any entry lives: a safety net under pub/sub, which can drop a message. */
const MAX_TTL_MS = 5 * 60_000;

interface Entry {
  value: Promise<AccountPlaybooks>;
  loadedAt: number;
}

/**
 * Each account's playbook set, kept in this process: the engine compiled for a set is kept
 * as long as the set (offline-chat-model), so a turn neither reads the playbooks nor rebuilds
 * the index. A write invalidates after its commit, here and — through Redis when configured —
 * in every other process. A load racing a write is never stored over it (generations).
 */
export class PlaybookCatalog {
  readonly #entries = new Map<string, Entry>();
  readonly #generations = new Map<string, number>();
  readonly #builtins: Playbook[] = [...loadPlaybookPack()];
  readonly #builtinOnly: AccountPlaybooks;

  constructor(
    private readonly bus?: {
      publisher: Redis;
      subscriber: Redis;
      log?: FastifyBaseLogger | undefined;
    },
  ) {
    this.#builtinOnly = {
      set: { key: 'builtin', playbooks: this.#builtins },
      idBySlug: new Map(this.#builtins.map((playbook) => [playbook.slug, builtinPlaybookId(playbook.slug)])),
    };
    if (bus) {
      bus.subscriber.on('message', (_channel: string, accountId: string) => this.#forget(accountId));
      bus.subscriber.subscribe(playbookInvalidationChannel).catch((error: unknown) => {
        bus.log?.warn({ err: error }, 'playbook invalidation channel unavailable; entries expire quickly');
      });
    }
  }

  /** The built-ins and the account's published playbooks (an account's own replaces a built-in of its slug). */
  forAccount(db: Db, accountId: string): Promise<AccountPlaybooks> {
    const now = Date.now();
    const cached = this.#entries.get(accountId);
    const ttl = this.bus && this.bus.subscriber.status !== 'ready' ? UNSURE_TTL_MS : MAX_TTL_MS;
    if (cached && now - cached.loadedAt < ttl) return cached.value;
    const generation = this.#generations.get(accountId) ?? 0;
    const value = this.#load(db, accountId);
    const entry = { value, loadedAt: now };
    this.#entries.set(accountId, entry);
    value.then(
      () => {
        if ((this.#generations.get(accountId) ?? 0) !== generation && this.#entries.get(accountId) === entry)
          this.#entries.delete(accountId);
      },
      () => {
        if (this.#entries.get(accountId) === entry) this.#entries.delete(accountId);
      },
    );
    return value;
  }

  /** Call after the write committed: this process forgets at once, the others on the message. */
  invalidate(accountId: string): void {
    this.#forget(accountId);
    this.bus?.publisher.publish(playbookInvalidationChannel, accountId).catch((error: unknown) => {
      this.bus?.log?.warn({ err: error }, 'could not publish a playbook invalidation');
    });
  }

  async close(): Promise<void> {
    this.#entries.clear();
    this.bus?.publisher.disconnect();
    this.bus?.subscriber.disconnect();
  }

  #forget(accountId: string) {
    this.#generations.set(accountId, (this.#generations.get(accountId) ?? 0) + 1);
    this.#entries.delete(accountId);
  }

  async #load(db: Db, accountId: string): Promise<AccountPlaybooks> {
    const own = await loadPublishedPlaybooks(db, accountId);
    if (own.length === 0) return this.#builtinOnly;
    const ownSlugs = new Set(own.map((row) => row.definition.slug));
    const playbooks = [
      ...this.#builtins.filter((playbook) => !ownSlugs.has(playbook.slug)),
      ...own.map((row) => row.definition),
    ];
    const idBySlug = new Map(this.#builtinOnly.idBySlug);
    for (const row of own) idBySlug.set(row.definition.slug, row.id);
    return { set: { key: `${accountId}:${Date.now()}`, playbooks }, idBySlug };
  }
}

/** With REDIS_URL, invalidations reach every process; without, this process is the only one. */
export function createPlaybookCatalog(options: {
  redisUrl?: string | undefined;
  log?: FastifyBaseLogger;
}): PlaybookCatalog {
  if (!options.redisUrl) return new PlaybookCatalog();
  const connect = (name: string) =>
    new Redis(options.redisUrl as string, { maxRetriesPerRequest: 1, connectionName: name });
  const publisher = connect('flowpilot-playbooks-pub');
  const subscriber = connect('flowpilot-playbooks-sub');
  for (const client of [publisher, subscriber]) client.on('error', () => {});
  return new PlaybookCatalog({ publisher, subscriber, log: options.log });
}
