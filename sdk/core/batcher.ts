/**
 * Coalesces lookups of single keys into batched calls: every `load(key)` issued within `windowMs` of the
 * first goes out in one `fetch(keys)` of at most `maxBatch` keys (more keys make more calls). Used to poll
 * many VOD AI image jobs with one GetAIImageJobs call per 10 jobs.
 */
export class KeyedBatcher<K, V> {
  private pending = new Map<K, Array<{ resolve(v: V | undefined): void; reject(e: unknown): void }>>();
  private timer: NodeJS.Timeout | undefined;
  /** Number of fetch calls made so far. */
  calls = 0;

  constructor(
    private readonly fetch: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxBatch: number,
    private readonly windowMs = 5,
  ) {}

  /** Resolves with the value for `key` (undefined when the batch answer did not include it). */
  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const list = this.pending.get(key) ?? [];
      list.push({ resolve, reject });
      this.pending.set(key, list);
      this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    const keys = [...batch.keys()];
    const chunks: K[][] = [];
    for (let i = 0; i < keys.length; i += this.maxBatch) chunks.push(keys.slice(i, i + this.maxBatch));
    await Promise.all(
      chunks.map(async (chunk) => {
        this.calls++;
        try {
          const values = await this.fetch(chunk);
          for (const k of chunk) for (const w of batch.get(k)!) w.resolve(values.get(k));
        } catch (err) {
          for (const k of chunk) for (const w of batch.get(k)!) w.reject(err);
        }
      }),
    );
  }
}
