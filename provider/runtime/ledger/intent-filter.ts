// What a listing selects, applied in memory: the cached listings of both ledgers (IntentFilter.cached) filter
// their index with it, and the file ledger its directory scan.
import type { Intent, IntentFilter } from "./ledger";

/** Whether `intent` is one `filter` selects (all of it but `cached`, which says where the listing comes from). */
export function matchesFilter(intent: Intent, filter: IntentFilter): boolean {
  if (filter.scopePrefix !== undefined && !intent.scope.startsWith(filter.scopePrefix)) return false;
  if (filter.states && !filter.states.includes(intent.state)) return false;
  if (filter.holding === undefined) return true;
  return intent.jobId === filter.holding || (intent.heldIds?.includes(filter.holding) ?? false);
}

/** Sorts intents oldest first (the order of every listing), in place. */
export const byCreation = (out: Intent[]): Intent[] =>
  out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));

/**
 * A ledger's cached listing (IntentFilter.cached): every intent as of one full listing, loaded once however many
 * callers ask at once, kept current with what the runner writes or reads afresh meanwhile (`note`, `forget`).
 * A write noted while the listing loads is newer than the listing's copy: the listing never overwrites it.
 */
export class IntentIndex {
  private map: Map<string, Intent> | undefined;
  private loaded: Promise<void> | undefined;

  constructor(private readonly listAll: () => Promise<Intent[]>) {}

  /** Whether a cached listing was asked for (writes are kept from then on). */
  get active(): boolean {
    return this.map !== undefined;
  }

  /**
   * The cached intents `filter` selects, oldest first.
   * @throws what the full listing throws (an unreadable entry): no index is kept then, the next call lists again.
   */
  async list(filter: IntentFilter): Promise<Intent[]> {
    if (!this.loaded) {
      const map = new Map<string, Intent>();
      this.map = map;
      const loading = this.listAll().then((all) => {
        for (const i of all) if (!map.has(i.key)) map.set(i.key, i);
      });
      this.loaded = loading;
      loading.catch(() => {
        if (this.loaded === loading) this.reset();
      });
    }
    await this.loaded;
    return byCreation([...(this.map ?? new Map<string, Intent>()).values()].filter((i) => matchesFilter(i, filter)));
  }

  /** An intent this runner wrote or read afresh. */
  note(intent: Intent): Intent {
    this.map?.set(intent.key, intent);
    return intent;
  }

  /** An intent found gone (another runner's gc). */
  forget(key: string): void {
    this.map?.delete(key);
  }

  /** Drops the cached listing (after gc): the next cached listing lists again. */
  reset(): void {
    this.map = undefined;
    this.loaded = undefined;
  }
}
