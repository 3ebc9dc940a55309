// Where the ledger is (issue 19 item 1): the state backend as the CLI resolves it, the default ledger beside it,
// the pipeline rule, the upgrade from the machine-local default, and the operator command's resolution.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startPostgres } from "../../../harness/postgres-server";
import { cliLedgerLocation } from "../../../provider/cli/cli-ledger-location";
import { ledgerCommand } from "../../../provider/cli/ledger-command";
import { FileLedger } from "../../../provider/runtime/ledger/file-ledger";
import { ledgerLocation, postgresBackendLedgerUrl } from "../../../provider/runtime/ledger/ledger-location";
import { missingPasswordError, openLedgerAt } from "../../../provider/runtime/ledger/open-ledger";
import { isPipeline, PipelineGate, pipelineRefusal } from "../../../provider/runtime/ledger/pipeline-rule";
import { previousLedgerInUse } from "../../../provider/runtime/ledger/previous-ledger";
import { fileBackendDir, resolveStateBackend, yamlScalar } from "../../../provider/runtime/ledger/state-backend";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A temp dir with a home (PULUMI_HOME) and a project dir holding `Pulumi.yaml` (text given). */
function sandbox(projectYaml = "name: media\nruntime: nodejs\n") {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-location-"));
  dirs.push(root);
  const home = path.join(root, "home");
  const project = path.join(root, "project");
  fs.mkdirSync(home);
  fs.mkdirSync(path.join(project, "sub"), { recursive: true });
  fs.writeFileSync(path.join(project, "Pulumi.yaml"), projectYaml);
  return { root, home, project, env: { PULUMI_HOME: home } as NodeJS.ProcessEnv };
}

describe("the state backend, resolved like the CLI", () => {
  it("takes PULUMI_BACKEND_URL, then the project's backend.url, then the current login, then Pulumi Cloud", () => {
    const s = sandbox("name: media\nruntime: nodejs\nbackend:\n  url: file:///srv/state # shared\n");
    const fromEnv = resolveStateBackend({ ...s.env, PULUMI_BACKEND_URL: "postgres://ci@db/x" }, s.project);
    expect(fromEnv).toMatchObject({ kind: "postgres", source: "PULUMI_BACKEND_URL" });
    const fromProject = resolveStateBackend(s.env, path.join(s.project, "sub"), s.project);
    expect(fromProject).toMatchObject({ kind: "file", dir: "/srv/state", url: "file:///srv/state" });
    expect(fromProject.source).toContain(path.join(s.project, "Pulumi.yaml"));
    fs.writeFileSync(path.join(s.project, "Pulumi.yaml"), "name: media\nruntime: nodejs\n");
    fs.writeFileSync(path.join(s.home, "credentials.json"), JSON.stringify({ current: "s3://bucket/state" }));
    expect(resolveStateBackend(s.env, s.project)).toMatchObject({ kind: "object-store", url: "s3://bucket/state" });
    expect(resolveStateBackend(s.env, s.project).source).toMatch(/current login/);
    fs.rmSync(path.join(s.home, "credentials.json"));
    expect(resolveStateBackend(s.env, s.project)).toMatchObject({ kind: "cloud", url: "https://api.pulumi.com" });
  });

  it("reads backend.url in flow style and from Pulumi.json, and credentials from PULUMI_CREDENTIALS_PATH", () => {
    const s = sandbox('name: media\nbackend: { url: "gs://b/p" }\n');
    expect(resolveStateBackend(s.env, s.project).url).toBe("gs://b/p");
    fs.rmSync(path.join(s.project, "Pulumi.yaml"));
    fs.writeFileSync(
      path.join(s.project, "Pulumi.json"),
      JSON.stringify({ name: "m", backend: { url: "azblob://c" } }),
    );
    expect(resolveStateBackend(s.env, s.project).url).toBe("azblob://c");
    fs.rmSync(path.join(s.project, "Pulumi.json"));
    const creds = path.join(s.root, "creds");
    fs.mkdirSync(creds);
    fs.writeFileSync(path.join(creds, "credentials.json"), JSON.stringify({ current: "https://api.example" }));
    const b = resolveStateBackend({ ...s.env, PULUMI_CREDENTIALS_PATH: creds }, s.project);
    expect(b).toMatchObject({ kind: "cloud", url: "https://api.example" });
  });

  it("opens file:// paths like massageBlobPath: ~, relative to the CLI's directory, query dropped, decoded", () => {
    expect(fileBackendDir("file://~", "/x")).toBe(os.homedir());
    expect(fileBackendDir("file://~/state", "/x")).toBe(path.join(os.homedir(), "state"));
    expect(fileBackendDir("file://./state", "/work/p")).toBe("/work/p/state");
    expect(fileBackendDir("file://state/x", "/work/p")).toBe("/work/p/state/x");
    expect(fileBackendDir("file:///srv/st%20ate?no_tmp_dir=false", "/x")).toBe("/srv/st ate");
    expect(fileBackendDir("file:///srv/state/", "/x")).toBe("/srv/state");
  });

  it("reads plain scalars of the YAML users write, and nothing it cannot read for sure", () => {
    expect(yamlScalar("backend:\n  url: 'file://~/a'\n", ["backend", "url"])).toBe("file://~/a");
    expect(yamlScalar("a: 1\nbackend:\n\n  # c\n  url: x\nb: 2\n", ["backend", "url"])).toBe("x");
    expect(yamlScalar("backend:\n  other: 1\nurl: x\n", ["backend", "url"])).toBeUndefined();
    expect(yamlScalar("config:\n  aigc:ledger:\n    secure: v1:abc\n", ["config", "aigc:ledger"])).toBeUndefined();
    expect(yamlScalar('config:\n  "aigc:ledger": local\n', ["config", "aigc:ledger"])).toBe("local");
  });
});

describe("the default ledger follows the state", () => {
  it("puts it beside a file:// backend's data and in a postgres:// backend's database", () => {
    const s = sandbox();
    const file = ledgerLocation({}, { ...s.env, PULUMI_BACKEND_URL: "file:///srv/state" }, s.project);
    expect(file).toMatchObject({ type: "file", dir: "/srv/state/.pulumi-aigc/ledger", machineLocal: false });
    expect(file.why).toMatch(/beside the stack's state backend file:\/\/\/srv\/state \(from PULUMI_BACKEND_URL\)/);
    const url = "postgres://ci:pw@db:5432/state?sslmode=disable&table=pulumi_state";
    const pg = ledgerLocation({}, { ...s.env, PULUMI_BACKEND_URL: url }, s.project);
    expect(pg).toMatchObject({ type: "postgres", url: "postgres://ci:pw@db:5432/state?sslmode=disable" });
    expect(pg.why).not.toContain("pw");
    expect(postgresBackendLedgerUrl("postgres://h/d?table=t")).toBe("postgres://h/d");
    expect(postgresBackendLedgerUrl("postgres://h/d?table=t&schema=a")).toBe("postgres://h/d?schema=a");
  });

  it("keeps other backends machine-local, and lets an explicit aigc:ledger (or local) win", () => {
    const s = sandbox();
    for (const url of ["https://api.pulumi.com", "s3://b", "gs://b", "azblob://c"]) {
      const loc = ledgerLocation({}, { ...s.env, PULUMI_BACKEND_URL: url }, s.project);
      expect(loc).toMatchObject({ type: "file", dir: path.join(s.home, "pulumi-aigc", "ledger"), machineLocal: true });
      expect(loc.explicit).toBe(false);
    }
    const env = { ...s.env, PULUMI_BACKEND_URL: "file:///srv/state" };
    expect(ledgerLocation({ ledger: "postgres://h/d" }, env, s.project)).toMatchObject({ type: "postgres" });
    expect(ledgerLocation({ ledger: "file://./l" }, env, s.project)).toMatchObject({ dir: path.join(s.project, "l") });
    expect(ledgerLocation({ ledger: "LOCAL" }, env, s.project)).toMatchObject({ machineLocal: true, explicit: true });
    expect(ledgerLocation({ journalDir: "j" }, env, s.project)).toMatchObject({ dir: path.join(s.project, "j") });
    expect(() => ledgerLocation({ ledger: "s3://b" }, env, s.project)).toThrow(/file:\/\/\/<directory>, .* or local/);
  });
});

describe("the pipeline rule", () => {
  const cloud = { PULUMI_BACKEND_URL: "https://api.pulumi.com" };
  it("is a pipeline when CI is set and not false or 0", () => {
    expect([undefined, "", "false", "0", "FALSE"].map((CI) => isPipeline({ CI }))).toEqual(Array(5).fill(false));
    expect(["true", "1", "yes", "woodpecker"].map((CI) => isPipeline({ CI }))).toEqual(Array(4).fill(true));
  });

  it("refuses a pipeline on an implicit machine-local ledger, naming the ways out; local accepts it", () => {
    const s = sandbox();
    const env = { ...s.env, ...cloud, CI: "true" };
    const msg = pipelineRefusal(ledgerLocation({}, env, s.project), env);
    expect(msg).toMatch(/pipeline \(CI=true\).*machine.*https:\/\/api\.pulumi\.com.*nothing was submitted/s);
    expect(msg).toContain("aigc:ledger postgres://");
    expect(msg).toContain("file:// or postgres:// backend");
    expect(msg).toContain("pulumi config set aigc:ledger local");
    expect(pipelineRefusal(ledgerLocation({ ledger: "local" }, env, s.project), env)).toBeUndefined();
    const fileEnv = { ...env, PULUMI_BACKEND_URL: "file:///srv/s" };
    expect(pipelineRefusal(ledgerLocation({}, fileEnv, s.project), fileEnv)).toBeUndefined();
    const work = { ...s.env, ...cloud };
    expect(pipelineRefusal(ledgerLocation({}, work, s.project), work)).toBeUndefined();
  });

  it("throws the refusal in full once, then a one-line reference; a workstation is warned once", () => {
    const s = sandbox();
    const gate = new PipelineGate();
    const logged: string[] = [];
    const env = { ...s.env, ...cloud, CI: "1" };
    expect(() => gate.check({}, (m) => logged.push(m), env)).toThrow(/pulumi config set aigc:ledger local/);
    expect(() => gate.check({}, (m) => logged.push(m), env)).toThrow(/^pulumi-aigc: refused: .*see above\)$/);
    const work = new PipelineGate();
    for (let i = 0; i < 3; i++) work.check({}, (m) => logged.push(m), { ...s.env, ...cloud });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^WARNING the submission ledger is machine-local/);
    new PipelineGate().check({ ledger: "local" }, (m) => logged.push(m), { ...s.env, ...cloud, CI: "true" });
    expect(logged).toHaveLength(1);
  });
});

describe("upgrading from the machine-local default", () => {
  it("keeps the project on the old ledger while it holds unfinished intents, then moves on", async () => {
    const s = sandbox();
    const old = FileLedger.open(path.join(s.home, "pulumi-aigc", "ledger"));
    await old.claim({ key: "pa-a", scope: "media/dev/k/a", kind: "k", epoch: 0, digest: "d" });
    await old.update("pa-a", { state: "submitted", jobId: "j-1", owner: undefined });
    const env = { ...s.env, PULUMI_BACKEND_URL: `file://${s.root}/state`, PULUMI_NODEJS_PROJECT: "media" };
    const loc = ledgerLocation({}, env, s.project);
    const pinned = await previousLedgerInUse(loc, env);
    expect(pinned?.location).toMatchObject({ dir: path.join(s.home, "pulumi-aigc", "ledger"), machineLocal: true });
    expect(pinned?.unfinished).toBe(1);
    expect(await previousLedgerInUse(loc, { ...env, PULUMI_NODEJS_PROJECT: "other" })).toBeUndefined();
    expect(await previousLedgerInUse(ledgerLocation({ ledger: "file:///x" }, env, s.project), env)).toBeUndefined();
    await old.update("pa-a", { finishedAt: new Date().toISOString() });
    expect(await previousLedgerInUse(loc, env)).toBeUndefined();
    await old.close();
  });
});

describe("the operator command resolves the ledger like the provider", () => {
  /** A project whose selected stack `dev` (as `pulumi stack select` records it) has `config`. */
  function selected(config: string, backend = "") {
    const s = sandbox(`name: media\nruntime: nodejs\n${backend}`);
    const projectFile = path.join(s.project, "Pulumi.yaml");
    const hash = createHash("sha1").update(projectFile).digest("hex");
    fs.mkdirSync(path.join(s.home, "workspaces"));
    const ws = path.join(s.home, "workspaces", `media-${hash}-workspace.json`);
    fs.writeFileSync(ws, JSON.stringify({ stack: "organization/media/dev" }));
    fs.writeFileSync(path.join(s.project, "Pulumi.dev.yaml"), `config:\n${config}`);
    return s;
  }

  it("reads the selected stack's plain aigc:ledger before PULUMI_AIGC_LEDGER, and says why", () => {
    const s = selected("  aigc:ledger: file:///srv/ledger\n");
    const r = cliLedgerLocation(undefined, { ...s.env, PULUMI_AIGC_LEDGER: "file:///env" }, s.project);
    expect(r.location).toMatchObject({ dir: "/srv/ledger" });
    expect(r.why).toBe(`aigc:ledger of stack dev (${path.join(s.project, "Pulumi.dev.yaml")})`);
    expect(cliLedgerLocation("file:///flag", s.env, s.project)).toMatchObject({ why: "--ledger" });
  });

  it("falls back to the backend of the project, and refuses a secret aigc:ledger naming how to pass it", () => {
    const s = selected("  aigc:region: x\n", "backend:\n  url: file://./state\n");
    const r = cliLedgerLocation(undefined, s.env, s.project);
    expect(r.location).toMatchObject({ dir: path.join(s.project, "state", ".pulumi-aigc", "ledger") });
    expect(r.why).toMatch(/^beside the stack's state backend file:\/\/\.\/state .*\(stack dev\)$/);
    const secret = selected("  aigc:ledger:\n    secure: v1:AAAA\n");
    expect(() => cliLedgerLocation(undefined, secret.env, secret.project)).toThrow(
      /aigc:ledger in .*Pulumi\.dev\.yaml is a secret.*--ledger.*"\$\(pulumi config get aigc:ledger\)"/,
    );
  });

  it("prints which ledger it read and why, in one line", async () => {
    const s = selected("  aigc:ledger: local\n");
    const notes: string[] = [];
    const r = await ledgerCommand(["ls"], s.env, s.project, (n) => notes.push(n));
    expect(r.code).toBe(0);
    expect(notes).toEqual([
      `pulumi-aigc: ledger ${path.join(s.home, "pulumi-aigc", "ledger")} (aigc:ledger of stack dev ` +
        `(${path.join(s.project, "Pulumi.dev.yaml")}))`,
    ]);
  });
});

describe("a missing PostgreSQL password", () => {
  it("is named, with PGPASSWORD and the URL's password as the ways to give it, and no password", () => {
    const err = new Error("SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string");
    const e = missingPasswordError("postgres://ci@db:5432/x?sslmode=disable", err);
    expect(e?.message).toMatch(/postgres:\/\/ci@db:5432\/x.*asks for a password and none was given.*PGPASSWORD/);
    expect(e?.message).toContain("postgres://<user>:<password>@");
    expect(missingPasswordError("postgres://h/x", new Error("connect ECONNREFUSED"))).toBeUndefined();
  });

  it("is what the provider and the operator command say to a server that asks for one", async () => {
    const pg = await startPostgres({ password: "S3cret:pw@x" });
    const saved = process.env.PGPASSWORD;
    delete process.env.PGPASSWORD;
    try {
      const url = pg.url("postgres");
      const loc = ledgerLocation({}, { PULUMI_BACKEND_URL: `${url}&table=pulumi_state` }, os.tmpdir());
      const opened = await openLedgerAt(loc).catch((e: Error) => e);
      expect((opened as Error).message).toMatch(/asks for a password and none was given\. Set PGPASSWORD/);
      const cli = await ledgerCommand(["ls", "--ledger", url], {}, os.tmpdir(), () => {}).catch((e: Error) => e);
      expect((cli as Error).message).toMatch(
        /^PostgreSQL ledger postgres:\/\/aigc@127\.0\.0\.1:\d+\/postgres.*PGPASSWORD/,
      );
    } finally {
      if (saved !== undefined) process.env.PGPASSWORD = saved;
      await pg.stop();
    }
  }, 120_000);
});
