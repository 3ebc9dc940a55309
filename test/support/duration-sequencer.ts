// The order test files start in. Vitest starts the longest files first when its cache knows their durations;
// a clean clone (CI) has no cache, and vitest then starts the largest files first, so a short file of a slow
// scenario (the drill: 37 lines, 40 s) started last and the run waited for it alone. test/durations.json (from
// the last measured run: scripts/test-durations.js) gives the durations the cache would have.
import * as fs from "node:fs";
import * as path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Each file's seconds in test/durations.json under `root`, by path from `root`. */
function durations(root: string): Record<string, number> {
  return JSON.parse(fs.readFileSync(path.join(root, "test", "durations.json"), "utf8"));
}

/** Vitest's order (groups, projects, the cache when it has results), with each project's longest files first. */
export class DurationSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const root = this.ctx.config.root;
    const known = durations(root);
    const secondsOf = (f: TestSpecification) => known[path.relative(root, f.moduleId).split(path.sep).join("/")];
    const blockOf = (f: TestSpecification) => `${f.project.config.sequence.groupOrder}:${f.project.name}`;
    const rank = new Map(base.map((f, i) => [f, i]));
    // Within a block, unknown files first (as vitest does), then the known ones longest first.
    const weight = (f: TestSpecification) => secondsOf(f) ?? Number.POSITIVE_INFINITY;
    const out = [...base].sort((a, b) => {
      if (blockOf(a) !== blockOf(b)) return rank.get(a)! - rank.get(b)!;
      return weight(b) - weight(a) || rank.get(a)! - rank.get(b)!;
    });
    return out;
  }
}
