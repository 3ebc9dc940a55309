// A minimal loopback server for the client comparison, run in its own process (`fork` this file). It is not
// the emulator: it verifies nothing, keeps no state and answers every request with one canned body, so the
// time a request costs it is the same for every client and as small as node:http allows. Tencent requests
// (an X-TC-Action header) get a finished SceneAigcImageTask's DescribeTaskDetail; every other request gets a
// finished ICE Cover job's QueryIProductionJob. The parent receives `{ port }` once it listens, and may ask
// for `{ cpu: true }` to get the server's CPU time so far (µs) and its request count.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { ICE_QUERY_IPRODUCTION_JOB, TENCENT_DESCRIBE_TASK_DETAIL } from "../harness/finished-job-answers";

function answer(body: object, extra: Record<string, string>) {
  const bytes = Buffer.from(JSON.stringify(body), "utf8");
  return { bytes, headers: { "Content-Type": "application/json;charset=utf-8", ...extra } };
}

/** Starts the server on an ephemeral loopback port. */
export function startLoopbackVendorServer(): Promise<{ server: http.Server; port: number; requests(): number }> {
  const tencent = answer(TENCENT_DESCRIBE_TASK_DETAIL, {});
  const ice = answer(ICE_QUERY_IPRODUCTION_JOB, { "x-acs-request-id": ICE_QUERY_IPRODUCTION_JOB.RequestId });
  let requests = 0;
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    requests++;
    const canned = req.headers["x-tc-action"] !== undefined ? tencent : ice;
    // The body is read (and dropped) before answering, as any server must on a keep-alive connection.
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { ...canned.headers, "Content-Length": canned.bytes.length });
      res.end(canned.bytes);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, port: (server.address() as AddressInfo).port, requests: () => requests }),
    );
  });
}

if (require.main === module && process.send) {
  void startLoopbackVendorServer().then(({ port, requests }) => {
    process.send!({ port });
    process.on("message", (m: { cpu?: boolean }) => {
      if (!m.cpu) return;
      const u = process.cpuUsage();
      process.send!({ cpuMicros: u.user + u.system, requests: requests() });
    });
    process.on("disconnect", () => process.exit(0));
  });
}
