// A loopback port nobody listens on right now, for a server the harness starts in another process.
import * as net from "node:net";

/** Asks the kernel for a free loopback port and releases it: another process could take it before the caller. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
