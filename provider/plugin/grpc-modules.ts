// The gRPC runtime and the generated protocol stubs the plugin serves with: @pulumi/pulumi's own (its
// `proto/` stubs and, from its dependencies, @grpc/grpc-js and google-protobuf), so the wire format is exactly the
// one the engine of that SDK version speaks, and nothing else is installed for it.
import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));

/** @grpc/grpc-js as @pulumi/pulumi resolves it. */
export const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcTypes;
/** google.protobuf.Empty. */
export const emptyproto = fromPulumi("google-protobuf/google/protobuf/empty_pb") as typeof emptyTypes;
/** google.protobuf.Struct. */
export const structproto = fromPulumi("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;
/** The ResourceProvider service definition. */
export const provrpc =
  require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof import("@pulumi/pulumi/proto/provider_grpc_pb");
/** The provider protocol's messages. */
export const provproto =
  require("@pulumi/pulumi/proto/provider_pb") as typeof import("@pulumi/pulumi/proto/provider_pb");
/** PluginInfo and PluginAttach. */
export const plugproto = require("@pulumi/pulumi/proto/plugin_pb") as typeof import("@pulumi/pulumi/proto/plugin_pb");
/** google.rpc.Status, for errors that carry details. */
export const statusproto = require("@pulumi/pulumi/proto/status_pb") as typeof import("@pulumi/pulumi/proto/status_pb");

/** Resolves a module next to @pulumi/pulumi (the engine link's stubs). */
export const pulumiRequire = fromPulumi;
