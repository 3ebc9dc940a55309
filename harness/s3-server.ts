// An S3-compatible server on loopback, for a real `s3://` state backend: the CLI keeps the stack's state in a
// bucket there, so the provider sees what a pipeline on S3 (or GCS, Azure Blob, Pulumi Cloud) sees: a backend
// that cannot hold a ledger. The server is moto's (Python, `python3 -m moto.server`), installed on the project's
// machines; its in-memory buckets go when it stops.
import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "./free-port";

/** A running S3 server with one bucket. */
export interface S3Server {
  /** The `s3://` backend URL of the bucket (endpoint, path-style addressing, plain http, region). */
  readonly backendUrl: string;
  /** The environment the CLI's AWS client needs (fixed test credentials, no profile lookups). */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts moto's S3 server on a free loopback port and creates `bucket`.
 * @throws Error naming the missing piece when python3 or moto is not installed, or the server does not answer.
 */
export async function startS3Server(bucket = "pulumi-state"): Promise<S3Server> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise((r) => child.once("exit", r));
  child.once("error", (e) => (output += String(e)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${endpoint}/${bucket}`, { method: "PUT" });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the S3 server (python3 -m moto.server, pip package moto[server]) did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    backendUrl: `s3://${bucket}?endpoint=${endpoint}&use_path_style=true&disable_https=true&region=us-east-1`,
    env: {
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
    },
    stop,
  };
}
