const { createAigcStack } = require("./dist/harness");
const { startEmulator } = require("pulumi-aigc/emulator");
(async () => {
  const emu = await startEmulator({ port: 0, jobLatencyMs: 300, env: {} });
  const t = await createAigcStack("measure", emu, {});
  try {
    await t.stack.up();
    const fs = require("fs"); const find = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? find(d + "/" + e.name) : [d + "/" + e.name]);
    for (const f of find(t.stateDir)) if (f.includes("/stacks/") && f.endsWith(".json")) fs.copyFileSync(f, (process.argv[2] || "/tmp/si/export.json") + ".state");
    const dep = (await t.stack.exportStack()).deployment;
    require("fs").writeFileSync(process.argv[2] || "/tmp/si/export.json", JSON.stringify(dep, null, 2));
    for (const r of dep.resources) {
      if (!r.type.startsWith("pulumi-nodejs:dynamic/")) continue;
      const total = JSON.stringify(r).length;
      const part = (o) => Object.entries(o ?? {}).map(([k, v]) => [k, JSON.stringify(v).length]).sort((a, b) => b[1] - a[1]);
      const rest = { ...r }; delete rest.inputs; delete rest.outputs;
      console.log(r.type, "total", total, "inputs", JSON.stringify(r.inputs).length, "outputs", JSON.stringify(r.outputs).length, "engine", JSON.stringify(rest).length);
      console.log("  inputs:", JSON.stringify(part(r.inputs)));
      console.log("  outputs:", JSON.stringify(part(r.outputs)));
      console.log("  engine:", JSON.stringify(part(rest)));
    }
  } finally { await t.cleanup(); await emu.close(); }
})().catch((e) => { console.error(e); process.exit(1); });
