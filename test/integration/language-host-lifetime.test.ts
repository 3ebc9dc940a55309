import { spawn } from "node:child_process";
import { once } from "node:events";
import * as net from "node:net";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const toolchain = path.resolve(__dirname, "../../toolchain");

// Both stand-ins (Node and Python) at once: the probe is their shared language-host-server.js, and the wait is idle.
describe.concurrent("language host stand-in lifetime", () => {
  it.each(["pulumi-language-nodejs-shim.js", "pulumi-language-python-shim.js"])(
    "%s keeps serving while its engine listens and exits once the engine is gone (pulumi SIGKILLed)",
    async (file) => {
      const shim = path.join(toolchain, file);
      const engine = net.createServer((s) => s.destroy());
      engine.listen(0, "127.0.0.1");
      await once(engine, "listening");
      const { port } = engine.address() as net.AddressInfo;

      const child = spawn(process.execPath, [shim, `127.0.0.1:${port}`], { stdio: ["ignore", "pipe", "pipe"] });
      const exited = once(child, "exit");
      const [first] = (await once(child.stdout!, "data")) as [Buffer];
      expect(first.toString().trim()).toMatch(/^\d+$/); // the gRPC port handed to the engine

      // Two probe periods with the engine up: still alive.
      await new Promise((r) => setTimeout(r, 11_000));
      expect(child.exitCode).toBeNull();

      engine.close();
      const [code] = await exited;
      expect(code).toBe(0);
    },
    40_000,
  );
});
