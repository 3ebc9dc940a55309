// Which state backend the stack uses, resolved the way the Pulumi CLI resolves it (pkg/workspace/creds.go
// GetCurrentCloudURL, pkg/backend/diy/backend.go massageBlobPath, CLI 3.248): `PULUMI_BACKEND_URL`, else the
// project's `backend.url`, else the current login in credentials.json, else Pulumi Cloud. The dynamic provider
// inherits the CLI's environment and runs in the project's directory, so it sees the same three sources.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** What kind of place the state is kept in. */
export type BackendKind = "file" | "postgres" | "cloud" | "object-store";

/** Where the stack's state is, and how that was found. */
export interface StateBackend {
  /** The URL as configured (may hold a password: print it through `redactUrl`). */
  readonly url: string;
  /** Where the URL came from, for messages. */
  readonly source: string;
  readonly kind: BackendKind;
  /** `file://` backends: the absolute directory, resolved like the CLI (`~`, relative paths, query dropped). */
  readonly dir?: string;
}

/** The Pulumi Cloud URL the CLI uses when nothing else is configured. */
export const PULUMI_CLOUD_URL = "https://api.pulumi.com";

/** `$PULUMI_HOME`, else `~/.pulumi` (sdk/go/common/util/pulumihome). */
export function pulumiHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.PULUMI_HOME || path.join(os.homedir(), ".pulumi");
}

/** The project file the CLI would use, searching upwards from `dir` (Pulumi.json, .yaml, .yml in that order). */
export function findProjectFile(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    for (const ext of [".json", ".yaml", ".yml"]) {
      const p = path.join(d, `Pulumi${ext}`);
      try {
        if (fs.statSync(p).isFile()) return p;
      } catch {
        /* not here */
      }
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * A plain scalar at `keys` in a YAML (or JSON) file's top-level mappings: enough for `backend: url:` in
 * Pulumi.yaml and `config: aigc:ledger:` in Pulumi.<stack>.yaml, the block and flow forms users write. Returns
 * undefined for anything else (a secret's `secure:` mapping, anchors, multi-line scalars).
 */
export function yamlScalar(text: string, keys: readonly [string, string]): string | undefined {
  if (/^\s*\{/.test(text)) {
    try {
      const v = (JSON.parse(text) as Record<string, Record<string, unknown>>)[keys[0]]?.[keys[1]];
      return typeof v === "string" ? v : undefined;
    } catch {
      return undefined;
    }
  }
  const lines = text.split(/\r?\n/);
  const top = lines.findIndex((l) => new RegExp(`^${reEscape(keys[0])}\\s*:`).test(l));
  if (top < 0) return undefined;
  const inline = lines[top]!.slice(lines[top]!.indexOf(":") + 1).trim();
  if (inline.startsWith("{")) {
    const m = new RegExp(`[{,]\\s*["']?${reEscape(keys[1])}["']?\\s*:\\s*("[^"]*"|'[^']*'|[^,}]+)`).exec(inline);
    return m ? unquote(m[1]!.trim()) : undefined;
  }
  for (const line of lines.slice(top + 1)) {
    if (/^\S/.test(line) && !line.startsWith("#")) return undefined; // the next top-level key
    const m = new RegExp(`^\\s+["']?${reEscape(keys[1])}["']?\\s*:(.*)$`).exec(line);
    if (m) {
      const v = m[1]!.replace(/\s+#.*$/, "").trim();
      return v === "" || v.startsWith("{") || v.startsWith("|") || v.startsWith(">") ? undefined : unquote(v);
    }
  }
  return undefined;
}

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const unquote = (v: string) =>
  v.startsWith('"') && v.endsWith('"') && v.length >= 2
    ? (JSON.parse(v) as string)
    : v.startsWith("'") && v.endsWith("'") && v.length >= 2
      ? v.slice(1, -1).replace(/''/g, "'")
      : v;

/**
 * The directory of a `file://` URL as the CLI opens it: the text after `file://` up to `?`, `~` expanded to the
 * home directory, made absolute against `cwd`, percent-escapes decoded (gocloud's fileblob reads the URL's path).
 */
export function fileBackendDir(url: string, cwd: string = process.cwd()): string {
  let p = url.slice("file://".length).split("?")[0]!;
  if (p === "~") p = os.homedir();
  else if (p.startsWith("~")) p = path.join(os.homedir(), p.slice(2));
  let decoded = p;
  try {
    decoded = decodeURIComponent(p);
  } catch {
    /* a stray "%": the CLI would fail to open it too; keep the text */
  }
  return path.resolve(cwd, decoded);
}

/** The kind of a backend URL (anything the CLI reaches over http(s) is a Pulumi Cloud API). */
export function backendKind(url: string): BackendKind {
  if (/^file:\/\//i.test(url)) return "file";
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (/^https?:\/\//i.test(url)) return "cloud";
  return "object-store"; // s3://, gs://, azblob://
}

/** `current` of credentials.json (`$PULUMI_CREDENTIALS_PATH`, else `$PULUMI_HOME`), or undefined. */
function currentLogin(env: NodeJS.ProcessEnv): string | undefined {
  const file = path.join(env.PULUMI_CREDENTIALS_PATH || pulumiHome(env), "credentials.json");
  try {
    const current = (JSON.parse(fs.readFileSync(file, "utf8")) as { current?: unknown }).current;
    return typeof current === "string" && current !== "" ? current : undefined;
  } catch {
    return undefined; // no login yet
  }
}

/**
 * The working directory of the `pulumi` process that started this one, when this process is its plugin (Linux:
 * the CLI resolves a relative `file://` URL against the directory it was started in, while it starts plugins in
 * the project's directory; the dynamic provider is node under a shell script under the CLI). Undefined elsewhere.
 */
export function pulumiCliCwd(pid: number = process.ppid): string | undefined {
  for (let depth = 0, p = pid; depth < 3 && p > 1; depth++) {
    try {
      const argv0 = fs.readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0")[0] ?? "";
      if (/^pulumi(\.exe)?$/.test(path.basename(argv0))) return fs.readlinkSync(`/proc/${p}/cwd`);
      p = Number(
        fs
          .readFileSync(`/proc/${p}/stat`, "utf8")
          .replace(/^.*\) /s, "")
          .split(" ")[1],
      );
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Resolves the state backend from `env` and the project found from `cwd`; a relative `file://` path is resolved
 * against `relativeTo` (by default the CLI's directory when this process is its plugin, else `cwd`).
 * Never throws: an unreadable project or credentials file counts as not setting a backend.
 */
export function resolveStateBackend(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
  relativeTo: string = pulumiCliCwd() ?? cwd,
): StateBackend {
  let url = env.PULUMI_BACKEND_URL?.trim() || undefined;
  let source = "PULUMI_BACKEND_URL";
  if (!url) {
    const project = findProjectFile(cwd);
    if (project) {
      try {
        url = yamlScalar(fs.readFileSync(project, "utf8"), ["backend", "url"])?.trim() || undefined;
      } catch {
        url = undefined;
      }
      source = `backend.url in ${project}`;
    }
  }
  if (!url) {
    url = currentLogin(env);
    const creds = path.join(env.PULUMI_CREDENTIALS_PATH || pulumiHome(env), "credentials.json");
    source = `the current login (pulumi login, ${creds})`;
  }
  if (!url) {
    url = PULUMI_CLOUD_URL;
    source = "the CLI's default (no PULUMI_BACKEND_URL, backend.url or login)";
  }
  const kind = backendKind(url);
  return kind === "file" ? { url, source, kind, dir: fileBackendDir(url, relativeTo) } : { url, source, kind };
}
