// The gRPC face of the aigc provider: each ResourceProvider RPC of ./provider-service.ts as a grpc-js handler.
// A resource's call runs with its URN at hand (its log lines land on its row); an error becomes a gRPC status, and
// one that carries a job id (a partial state: the job exists, ../runtime/lifecycle/resource-init-error.ts) is
// packed as ErrorResourceInitFailed, so the engine records the id and the next `up` resumes the job, exactly as
// the dynamic-provider host does.
import type * as grpcTypes from "@grpc/grpc-js";
import { withUrn } from "../runtime/engine-channel";
import { redactUrlQueries } from "../runtime/redaction";
import { emptyproto, grpc, plugproto, provproto, type provrpc, pulumiRequire, statusproto } from "./grpc-modules";
import { toStruct } from "./property-values";
import type { AigcProviderService } from "./provider-service";

type Unary = grpcTypes.handleUnaryCall<unknown, unknown>;
type Call = { request: { getUrn?: () => string } };

/** A gRPC error for `e`; with ErrorResourceInitFailed details when it carries a job id and properties. */
export function grpcError(e: unknown): Partial<grpcTypes.StatusObject> {
  const err = e as { message?: string; id?: unknown; properties?: Record<string, unknown>; reasons?: string[] };
  const message = redactUrlQueries(String(err?.message ?? e));
  const metadata = new grpc.Metadata();
  if (typeof err?.id === "string" && err.id) {
    const detail = new provproto.ErrorResourceInitFailed()
      .setId(err.id)
      .setProperties(toStruct(err.properties ?? {}))
      .setReasonsList((err.reasons ?? [message]).map(redactUrlQueries));
    const anyproto = pulumiRequire(
      "google-protobuf/google/protobuf/any_pb",
    ) as typeof import("google-protobuf/google/protobuf/any_pb");
    const details = new anyproto.Any();
    details.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status().setCode(grpc.status.UNKNOWN).setMessage(message);
    status.addDetails(details);
    // grpc-js has no first-class status details: the engine (Go) reads them from this trailer.
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}

/** A unary handler running `fn` (in its resource's URN context) and answering with its result or its error. */
function unary<Req, Res>(fn: (req: Req) => Res | Promise<Res>): Unary {
  return (call, callback) => {
    const req = call.request as Req & Call["request"];
    const urn = typeof req.getUrn === "function" ? req.getUrn() : "";
    withUrn(urn ?? "", async () => {
      try {
        callback(null, await fn(req));
      } catch (e) {
        callback(grpcError(e), null);
      }
    });
  };
}

/**
 * The ResourceProvider implementation for grpc-js. RPCs left out (Invoke, Call, Construct, Parameterize…) answer
 * UNIMPLEMENTED, which the engine treats as "not supported".
 */
export function grpcImplementation(service: AigcProviderService, onAttach: (address: string) => void) {
  const empty = () => new emptyproto.Empty();
  return {
    getPluginInfo: unary(() => new plugproto.PluginInfo().setVersion(service.version)),
    getSchema: unary(() => service.getSchema()),
    checkConfig: unary((r: never) => service.checkConfig(r)),
    diffConfig: unary((r: never) => service.diffConfig(r)),
    configure: unary((r: never) => service.configure(r)),
    check: unary((r: never) => service.check(r)),
    diff: unary((r: never) => service.diff(r)),
    create: unary((r: never) => service.create(r)),
    read: unary((r: never) => service.read(r)),
    update: unary((r: never) => service.update(r)),
    delete: unary(async (r: never) => {
      await service.delete(r);
      return empty();
    }),
    cancel: unary(() => {
      service.cancel();
      return empty();
    }),
    attach: unary((r: { getAddress(): string }) => {
      onAttach(r.getAddress());
      return empty();
    }),
  } satisfies Partial<Record<keyof typeof provrpc.ResourceProviderService, Unary>>;
}
