// `pulumi-aigc migrate --in <export.json> --out <import.json> [--provider-name default]`: the state rewrite of
// ./migrate-state.ts between `pulumi stack export` and `pulumi stack import` (docs/migrating-to-the-plugin.md).
import * as fs from "node:fs";
import { migrateState } from "./migrate-state";

export const MIGRATE_USAGE =
  "usage: pulumi-aigc migrate --in <file from pulumi stack export> --out <file for pulumi stack import> " +
  "[--provider-name default]";

/** Runs `migrate` with its arguments; resolves with the exit code and what to print. */
export async function migrateCommand(args: readonly string[]): Promise<{ code: number; out: string }> {
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (args.includes("--help") || args.includes("-h")) return { code: 0, out: MIGRATE_USAGE };
  const from = opt("in");
  const to = opt("out");
  if (!from || !to) return { code: 2, out: MIGRATE_USAGE };
  const exported = JSON.parse(fs.readFileSync(from, "utf8")) as Record<string, unknown>;
  const m = migrateState(exported, opt("provider-name") ?? "default");
  fs.writeFileSync(to, `${JSON.stringify(m.state, null, 2)}\n`);
  if (m.moved.length === 0) return { code: 0, out: `no dynamic job resources in ${from}; ${to} is the same state` };
  const lines = m.moved.map((x) => `  ${x.from}\n    -> ${x.to}`);
  return {
    code: 0,
    out:
      `moved ${m.moved.length} resource(s) to the aigc provider (${m.provider}):\n${lines.join("\n")}\n` +
      `next: pulumi stack import --file ${to}, then pulumi preview (expect no job resource to be created or replaced)`,
  };
}
