// The Python runtime of the stand-in Python language host (toolchain/pulumi-language-python-shim.js), made by
// scripts/setup.js beside the CLI's bin directory: <cache>/pulumi-v3.248.0/python-runtime/
//   site/                          the Pulumi Python SDK 3.248.0 (from the Go module cache: the sdk/v3 module
//                                  zip carries sdk/python), byte-compiled, plus the compat modules the chosen
//                                  interpreter needs (toolchain/python-compat/: opentelemetry, semver, parver)
//   interpreter                    the python that imports it all with Debian's packages (grpcio, protobuf...)
//   pulumi-language-python-exec    Pulumi's exec script, run by the host with the Go host's flags
// PyPI is unreachable here, so nothing is pip-installed: the host puts `site/` on the program's PYTHONPATH.
// Plain Node, no dependencies (it runs before the build). Cached: a stamp of the inputs skips every probe.
"use strict";

const { spawnSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const VERSION = "3.248.0";
const SDK_MODULE = "github.com/pulumi/pulumi/sdk/v3";
const SHIM_MARKER = "Stand-in for Pulumi's Go language host `pulumi-language-python`";
const COMPAT_DIR = path.join(__dirname, "..", "toolchain", "python-compat");
const APT_PACKAGES = "python3-grpcio python3-protobuf python3-dill python3-semver python3-yaml python3-packaging";

// What the interpreter lacks that the compat modules stand in for (each is a module the SDK imports at load).
const PROBE_COMPAT = `import json
def ok(stmt):
    try:
        exec(stmt, {})
        return True
    except Exception:
        return False
print(json.dumps({"opentelemetry": not ok("import opentelemetry.context, opentelemetry.sdk.trace"),
                  "semver.py": not ok("from semver import Version"),
                  "parver.py": not ok("from parver import Version")}))`;
// Everything a program and the exec script import from the SDK at start.
const PROBE_SDK =
  "import sys, pulumi, pulumi.runtime, pulumi.provider, pulumi.dynamic, parver, semver; print(sys.executable)";

/** The SDK's python/ directory in the Go module cache `cache`, if it is there. */
function sdkIn(cache) {
  const dir = path.join(cache, `github.com/pulumi/pulumi/sdk/v3@v${VERSION}`, "python");
  return fs.existsSync(path.join(dir, "lib", "pulumi", "__init__.py")) ? dir : undefined;
}

/**
 * The sdk/v3 module's python/ directory in the Go module cache: the usual places first (no process to start on
 * every setup), then the one `go env` names, then downloaded with `go` (it is in the CLI's module graph).
 */
function findSdk() {
  const usual = [process.env.GOMODCACHE, path.join(os.homedir(), "go/pkg/mod")].filter(Boolean);
  const found = usual.map(sdkIn).find(Boolean);
  if (found) return found;
  const go = spawnSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" });
  if (go.status !== 0) return undefined;
  const cached = sdkIn(go.stdout.trim());
  if (cached) return cached;
  const dl = spawnSync("go", ["mod", "download", "-json", `${SDK_MODULE}@v${VERSION}`], {
    encoding: "utf8",
    env: { ...process.env, GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" },
  });
  const dir = dl.status === 0 ? path.join(JSON.parse(dl.stdout).Dir, "python") : "";
  return fs.existsSync(path.join(dir, "lib", "pulumi", "__init__.py")) ? dir : undefined;
}

function digestTree(dir, hash) {
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isDirectory()) digestTree(file, hash);
    else hash.update(name).update(fs.readFileSync(file));
  }
  return hash;
}

/** What the runtime is made from: a different stamp means make it again. */
function inputsStamp(sdk) {
  const hash = digestTree(COMPAT_DIR, crypto.createHash("sha256"));
  hash.update(JSON.stringify([VERSION, sdk, process.env.PULUMI_PYTHON_CMD ?? "", fs.readFileSync(__filename)]));
  return hash.digest("hex");
}

function python(cmd, args, extraEnv) {
  const env = { ...process.env, ...extraEnv };
  if (!extraEnv.PYTHONPATH) delete env.PYTHONPATH;
  return spawnSync(cmd, args, { encoding: "utf8", env, timeout: 120_000 });
}

/**
 * Puts into `site` the compat modules `cmd` needs and checks that it imports the SDK.
 * Returns the interpreter's absolute path, or throws with its error.
 */
function tryInterpreter(cmd, site) {
  for (const name of fs.readdirSync(COMPAT_DIR)) fs.rmSync(path.join(site, name), { recursive: true, force: true });
  const probe = python(cmd, ["-c", PROBE_COMPAT], {});
  if (probe.error || probe.status !== 0) throw new Error(probe.error?.message ?? probe.stderr.trim().split("\n").pop());
  const needs = Object.entries(JSON.parse(probe.stdout)).filter(([, missing]) => missing);
  for (const [name] of needs) fs.cpSync(path.join(COMPAT_DIR, name), path.join(site, name), { recursive: true });
  const sdk = python(cmd, ["-c", PROBE_SDK], { PYTHONPATH: site });
  if (sdk.status !== 0) throw new Error(sdk.stderr.trim().split("\n").pop());
  return { executable: sdk.stdout.trim(), compat: needs.map(([name]) => name) };
}

/** Makes the runtime in `dir` (a fresh directory); returns what was chosen, or undefined with a warning. */
function makeRuntime(dir, sdk, log) {
  const site = path.join(dir, "site");
  fs.mkdirSync(site, { recursive: true });
  // The module cache is read-only: a writable copy lets Python keep its bytecode, and survives `go clean`.
  fs.cpSync(path.join(sdk, "lib", "pulumi"), path.join(site, "pulumi"), {
    recursive: true,
    filter: (src) => path.basename(src) !== "__pycache__",
  });
  spawnSync("chmod", ["-R", "u+w", dir]);
  const candidates = process.env.PULUMI_PYTHON_CMD ? [process.env.PULUMI_PYTHON_CMD] : ["python3", "/usr/bin/python3"];
  const failures = [];
  for (const cmd of candidates) {
    try {
      const chosen = tryInterpreter(cmd, site);
      python(chosen.executable, ["-m", "compileall", "-q", site], { PYTHONPATH: site });
      fs.writeFileSync(path.join(dir, "interpreter"), `${chosen.executable}\n`);
      const exec = path.join(dir, "pulumi-language-python-exec");
      fs.copyFileSync(path.join(sdk, "cmd", "pulumi-language-python-exec"), exec);
      fs.chmodSync(exec, 0o755);
      return chosen;
    } catch (err) {
      failures.push(`${cmd}: ${err.message}`);
    }
  }
  log(`warning: no Python interpreter imports the Pulumi SDK ${VERSION} (${failures.join("; ")}).`);
  log(`Python programs will not run until Debian's packages are installed: apt-get install ${APT_PACKAGES}`);
  return undefined;
}

/**
 * Makes (or finds current) the Python runtime beside `cliBin`, when the Python language host there is the
 * stand-in. Returns its directory, or undefined when there is none (a warning says why; setup goes on, as only
 * Python programs need it). Never throws for a missing Python.
 */
function ensurePythonRuntime(cliBin, log) {
  let host = "";
  try {
    host = fs.readFileSync(path.join(cliBin, "pulumi-language-python"), "utf8");
  } catch {
    return undefined;
  }
  if (!host.includes(SHIM_MARKER)) return undefined; // a real host uses the user's pip-installed SDK
  const dir = path.join(cliBin, "..", "python-runtime");
  const sdk = findSdk();
  if (!sdk) {
    log(`warning: the Pulumi Python SDK ${VERSION} is not in the Go module cache and 'go' cannot download it`);
    return undefined;
  }
  const stamp = inputsStamp(sdk);
  const stampFile = path.join(dir, ".stamp");
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8").trim() === stamp) return dir;
  const started = Date.now();
  const tmp = `${dir}.tmp.${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const chosen = makeRuntime(tmp, sdk, log);
  if (!chosen) {
    fs.rmSync(tmp, { recursive: true, force: true });
    return undefined;
  }
  fs.writeFileSync(path.join(tmp, ".stamp"), `${stamp}\n`);
  // Another setup may be replacing it too: whichever rename lands last wins, both made the same thing.
  const old = `${dir}.old.${process.pid}`;
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  try {
    fs.renameSync(tmp, dir);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(stampFile)) throw err;
  }
  fs.rmSync(old, { recursive: true, force: true });
  const compat = chosen.compat.length > 0 ? `, compat: ${chosen.compat.join(", ")}` : "";
  log(`python runtime ready in ${((Date.now() - started) / 1000).toFixed(1)}s (${chosen.executable}${compat}): ${dir}`);
  return dir;
}

module.exports = { ensurePythonRuntime };
