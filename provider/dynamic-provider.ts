import type * as pulumi from "@pulumi/pulumi";

/**
 * The dynamic provider of one resource kind. Pulumi serializes it into every resource's state, so it holds
 * plain data only (the kind's name, and the module of a kind declared outside this package) and loads the
 * runtime inside the dynamic-provider process at call time: no clients, schemas or secrets are ever captured
 * (docs/vendor-notes/pulumi.md, "Dynamic providers").
 */
export function dynamicProvider(kind: string, module?: string): pulumi.dynamic.ResourceProvider {
  const ref = module ? { kind, module } : kind;
  return {
    async configure(req) {
      require("pulumi-aigc/provider-runtime").configure(req.config);
    },
    async check(olds, news) {
      return require("pulumi-aigc/provider-runtime").check(ref, olds, news);
    },
    async diff(id, olds, news) {
      return require("pulumi-aigc/provider-runtime").diff(ref, id, olds, news);
    },
    async create(inputs) {
      return require("pulumi-aigc/provider-runtime").create(ref, inputs);
    },
    async read(id, props) {
      return require("pulumi-aigc/provider-runtime").read(ref, id, props);
    },
    async update(id, olds, news) {
      return require("pulumi-aigc/provider-runtime").update(ref, id, olds, news);
    },
    async delete(id, props) {
      await require("pulumi-aigc/provider-runtime").remove(ref, id, props);
    },
  };
}
