// A real HTTP server on loopback whose answers are scripted per test: for unit tests of clients'
// transport, error mapping and retries (the emulator covers protocol fidelity).
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One scripted answer. `reset` destroys the socket after reading the request (the vendor may have acted). */
export type Reply =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string }
  | { reset: true }
  | { delayMs: number; reply: Reply };

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Answers in order; the last one repeats. */
  script(...replies: Reply[]): void;
  /** Answers computed from the request. */
  handle(fn: (req: RecordedRequest) => Reply): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  let replies: Reply[] = [{ json: {} }];
  let handler: ((req: RecordedRequest) => Reply) | undefined;

  const send = (res: http.ServerResponse, reply: Reply) => {
    if ("delayMs" in reply) {
      setTimeout(() => send(res, reply.reply), reply.delayMs);
      return;
    }
    if ("reset" in reply) {
      res.socket?.destroy();
      return;
    }
    if ("text" in reply) {
      res.writeHead(reply.status, { "Content-Type": "text/plain" });
      res.end(reply.text);
      return;
    }
    res.writeHead(reply.status ?? 200, { "Content-Type": "application/json", ...reply.headers });
    res.end(JSON.stringify(reply.json));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const rec: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(rec);
      const reply = handler ? handler(rec) : replies.length > 1 ? replies.shift()! : replies[0]!;
      send(res, reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(...r) {
      handler = undefined;
      replies = r;
    },
    handle(fn) {
      handler = fn;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * A scripted server for the calling test file: started before its tests, closed after them, and with the
 * recorded requests forgotten before each test. Call it at the top level of a file or of a describe block.
 */
export function useScriptedServer(): ScriptedServer {
  let started: ScriptedServer | undefined;
  const server = () => {
    if (!started) throw new Error("the scripted server is used outside of a test");
    return started;
  };
  beforeAll(async () => {
    started = await startScriptedServer();
  });
  afterAll(() => started?.close());
  beforeEach(() => {
    if (started) started.requests.length = 0;
  });
  return {
    get url() {
      return server().url;
    },
    get requests() {
      return server().requests;
    },
    script: (...replies) => server().script(...replies),
    handle: (fn) => server().handle(fn),
    close: () => server().close(),
  };
}
