// Loaded with `node --require` (through NODE_OPTIONS) into every Node process of a Pulumi run: the language
// host, the program and the dynamic provider. It records which copies of @pulumi/pulumi the process loaded
// (the directories of every runtime/settings.js in the module cache) into PULUMI_AIGC_PROBE_DIR/<pid>.json.
// Written every 100 ms and at exit, because the engine SIGKILLs plugins when it is done with them.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.PULUMI_AIGC_PROBE_DIR;
const SETTINGS = `${path.sep}runtime${path.sep}settings.js`;

function record() {
  const roots = new Set();
  for (const file of Object.keys(require.cache)) {
    if (file.endsWith(SETTINGS) && file.includes(`${path.sep}@pulumi${path.sep}pulumi${path.sep}`)) {
      roots.add(file.slice(0, -SETTINGS.length));
    }
  }
  // Written aside and renamed: a reader never sees half a file. A probe never breaks the process it is in
  // (its directory may be gone already).
  const file = path.join(dir, `${process.pid}.json`);
  try {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ main: process.argv[1] ?? "", roots: [...roots] }));
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    /* nothing to report to */
  }
}

if (dir) {
  setInterval(record, 100).unref();
  process.on("exit", record);
}
