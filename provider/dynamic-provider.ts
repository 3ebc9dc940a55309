import type * as pulumi from "@pulumi/pulumi";

/**
 * The dynamic provider of one resource kind. It is serialized into every resource's state, so it holds
 * plain data only (the kind's name) and loads the runtime inside the dynamic-provider process at call
 * time: no clients, schemas or secrets are ever captured (docs/vendor-notes/pulumi.md, "Dynamic providers").
 */
export function dynamicProvider(kind: string): pulumi.dynamic.ResourceProvider {
  return {
    async configure(req) {
      require("pulumi-aigc/provider-runtime").configure(req.config);
    },
    async check(olds, news) {
      return require("pulumi-aigc/provider-runtime").check(kind, olds, news);
    },
    async diff(id, olds, news) {
      return require("pulumi-aigc/provider-runtime").diff(kind, id, olds, news);
    },
    async create(inputs) {
      return require("pulumi-aigc/provider-runtime").create(kind, inputs);
    },
    async read(id, props) {
      return require("pulumi-aigc/provider-runtime").read(kind, id, props);
    },
    async update(id, olds, news) {
      return require("pulumi-aigc/provider-runtime").update(kind, id, olds, news);
    },
    async delete(id, props) {
      await require("pulumi-aigc/provider-runtime").remove(kind, id, props);
    },
  };
}
