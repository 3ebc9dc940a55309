// The README's quick start, as a user copies it: the program of "Your first job" and the stack config of
// "No account yet?" (the emulator). The unit layout test and the examples e2e test read them from here.
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../harness";

/** The README's text. */
export function readme(): string {
  return fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
}

/** The body of the first fenced block of `lang` after the first line starting with `marker`. Throws when none. */
export function fencedBlockAfter(text: string, marker: string, lang: string): string {
  const at = text.indexOf(`\n${marker}`);
  if (at < 0) throw new Error(`README: no line ${JSON.stringify(marker)}`);
  const m = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, "m").exec(text.slice(at));
  if (!m) throw new Error(`README: no \`\`\`${lang} block after ${JSON.stringify(marker)}`);
  return m[1]!;
}

/** The README's complete program (index.ts of "Your first job"). */
export function quickStartProgram(): string {
  return fencedBlockAfter(readme(), "## Your first job", "ts");
}

/** The `pulumi config set` lines of the README's emulator block, as key → { value, secret }. */
export function quickStartEmulatorConfig(): Record<string, { value: string; secret: boolean }> {
  const block = fencedBlockAfter(readme(), "**No account yet?**", "sh");
  const config: Record<string, { value: string; secret: boolean }> = {};
  for (const m of block.matchAll(/^pulumi config set (--secret )?(\S+) (\S+)/gm)) {
    config[m[2]!] = { value: m[3]!, secret: !!m[1] };
  }
  return config;
}
