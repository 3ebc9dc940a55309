// A TCP proxy on loopback that delays every chunk by half a round trip each way: a database on loopback made to
// answer as one across a network does (for measurements such as ledger-pool-pace.ts). Each direction keeps its
// order: every chunk waits the same time, and timers of the same delay fire in the order they were set.
import * as net from "node:net";

/** A running proxy. */
export interface DelayProxy {
  readonly port: number;
  /** Stops accepting and closes every proxied connection. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (a free port) and forwards each connection to `target`, adding `rttMs` per round trip.
 * @throws Error when it cannot listen.
 */
export async function startDelayProxy(target: { host: string; port: number }, rttMs: number): Promise<DelayProxy> {
  const half = rttMs / 2;
  const sockets = new Set<net.Socket>();
  const pipe = (from: net.Socket, to: net.Socket) => {
    from.on("data", (chunk) => setTimeout(() => to.write(chunk), half));
    from.on("end", () => setTimeout(() => to.end(), half));
    from.on("error", () => to.destroy());
    from.on("close", () => setTimeout(() => to.destroy(), half));
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on("close", () => sockets.delete(s));
    }
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
