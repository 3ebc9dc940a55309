// The plugin's version: the package's own, read from its package.json (the plugin tarball carries it).
import * as fs from "node:fs";
import * as path from "node:path";

/** The version in the nearest package.json named pulumi-aigc above this file; "0.0.0" when none is found. */
export function pluginVersion(from: string = __dirname): string {
  for (let d = from; ; d = path.dirname(d)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(d, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "pulumi-aigc" && pkg.version) return pkg.version;
    } catch {
      /* none here */
    }
    if (path.dirname(d) === d) return "0.0.0";
  }
}
