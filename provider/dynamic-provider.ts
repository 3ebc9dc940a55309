/**
 * The `__provider` text of a kind's resources: the CommonJS module the dynamic-provider host loads (once per
 * distinct text) and whose `handler()` gives it the provider. It names the kind (and the module of a kind declared
 * outside this package) and nothing else; the provider itself is the installed runtime's, loaded in the
 * dynamic-provider process from the program's directory (docs/vendor-notes/pulumi.md, "Dynamic providers"). So no
 * client, schema or secret can reach the state, and every resource stores about a hundred bytes here rather than
 * a serialized closure.
 *
 * Refresh and destroy run this text as stored: `pulumi-aigc/provider-runtime` and its `provider` export must keep
 * accepting it in every later version.
 */
export function dynamicProviderSource(kind: string, module?: string): string {
  const ref = module ? { kind, module } : kind;
  return `exports.handler=()=>require("pulumi-aigc/provider-runtime").provider(${JSON.stringify(ref)})`;
}
