import * as fs from "node:fs";
import * as path from "node:path";

/** What the emulator keeps: one map per kind of record, each value plain JSON. */
export type RecordKind =
  | "tencentTask"
  | "tencentSession"
  | "tencentDeletedElement"
  | "tencentFile"
  | "vodJob"
  | "iceJob"
  | "aicJob"
  | "aicModel"
  | "iceClientToken"
  | "clock"
  | "counter";

interface JournalLine {
  readonly op: "put" | "del" | "clear";
  readonly kind?: RecordKind;
  readonly id?: string;
  readonly value?: unknown;
}

/**
 * In-memory state, optionally journaled to a JSON-lines file. Every mutation is appended (and written
 * synchronously) before the request that caused it is answered, so a killed emulator has recorded every
 * job it acknowledged. On start the journal is replayed, then compacted.
 */
export class Store {
  private readonly maps = new Map<RecordKind, Map<string, unknown>>();
  private fd: number | undefined;

  constructor(private readonly file?: string) {
    if (!file) return;
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    if (fs.existsSync(file)) this.replay(fs.readFileSync(file, "utf8"));
    this.compact();
  }

  get<T>(kind: RecordKind, id: string): T | undefined {
    return this.maps.get(kind)?.get(id) as T | undefined;
  }

  all<T>(kind: RecordKind): T[] {
    return [...(this.maps.get(kind)?.values() ?? [])] as T[];
  }

  put<T>(kind: RecordKind, id: string, value: T): T {
    this.apply({ op: "put", kind, id, value });
    this.append({ op: "put", kind, id, value });
    return value;
  }

  delete(kind: RecordKind, id: string): void {
    this.apply({ op: "del", kind, id });
    this.append({ op: "del", kind, id });
  }

  /** Forgets everything (admin reset). */
  clear(): void {
    this.maps.clear();
    this.append({ op: "clear" });
  }

  /** Counts records per kind. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.maps].map(([k, m]) => [k, m.size]));
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private apply(line: JournalLine): void {
    if (line.op === "clear") {
      this.maps.clear();
      return;
    }
    let m = this.maps.get(line.kind!);
    if (!m) {
      m = new Map();
      this.maps.set(line.kind!, m);
    }
    if (line.op === "put") m.set(line.id!, line.value);
    else m.delete(line.id!);
  }

  private append(line: JournalLine): void {
    if (this.fd !== undefined) fs.writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }

  private replay(text: string): void {
    for (const raw of text.split("\n")) {
      if (!raw.trim()) continue;
      try {
        this.apply(JSON.parse(raw) as JournalLine);
      } catch {
        // A torn last line (killed mid-write) is skipped: its request was never answered.
      }
    }
  }

  /** Rewrites the journal as one `put` per live record. */
  private compact(): void {
    const file = this.file!;
    const tmp = `${file}.tmp`;
    const lines: string[] = [];
    for (const [kind, m] of this.maps)
      for (const [id, value] of m) lines.push(JSON.stringify({ op: "put", kind, id, value }));
    fs.writeFileSync(tmp, lines.length ? `${lines.join("\n")}\n` : "");
    fs.renameSync(tmp, file);
    this.fd = fs.openSync(file, "a");
  }
}
