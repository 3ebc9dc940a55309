// The stack trace a resource's registration stores. @pulumi/pulumi sends the engine the whole call stack of
// every `new Resource(...)` (Resource.callsites, with no depth limit), and the engine keeps it in the state
// beside the source position: about 425 bytes per job resource, frames of Pulumi's runner and Node's module
// loader, mostly empty (`{}`) because they have no source position. On the DIY backends every byte of state
// is written once per step of the update, N² in all (issue 21). The position the user needs, where the
// resource was declared, is the first frame outside this package and Pulumi, the engine's `sourcePosition`:
// that frame is kept, the frames below it are not sent.
import * as path from "node:path";

/** Directories whose frames are the registration's own machinery: Pulumi's SDK and this package's provider. */
const machinery = [path.dirname(require.resolve("@pulumi/pulumi/resource")), __dirname];

function isMachinery(site: NodeJS.CallSite): boolean {
  const file = site.getFileName() ?? "";
  return file === "" || file.startsWith("node:") || machinery.some((dir) => file.startsWith(dir + path.sep));
}

/** The call sites up to and including the first one outside the machinery (all of them when there is none). */
export function declarationSites(sites: readonly NodeJS.CallSite[]): NodeJS.CallSite[] {
  const first = sites.findIndex((s) => !isMachinery(s));
  return first < 0 ? [...sites] : sites.slice(0, first + 1);
}

/**
 * From now until the returned function is called (around a resource's `super(...)` call), stack traces are
 * cut after the declaring frame. The formatter in force (Node's, or a source-map one a TypeScript program
 * installed) still formats them, so the kept position is mapped as before. Under `PULUMI_DEBUG_PROMISE_LEAKS`
 * nothing is cut. Returns the function that restores the formatter.
 */
export function cutTracesAfterDeclaration(): () => void {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => undefined;
  const format = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, sites) => {
    const kept = declarationSites(sites);
    if (format) return format(error, kept);
    return [`${error}`, ...kept.map((s) => `    at ${s}`)].join("\n");
  };
  return () => {
    Error.prepareStackTrace = format;
  };
}
