// The `aigc` provider's RPCs, each over the same runtime functions the dynamic provider calls
// (../runtime/index.ts: check, diff, create, update, read, remove): the plugin adds only what the program side and
// the dynamic-provider host add for dynamic resources (./program-side.ts, secrets, preview), never a rule of its
// own. The gRPC plumbing (errors, URNs on log lines) is ./grpc-service.ts.
import type * as pb from "@pulumi/pulumi/proto/provider_pb";
import { presignedWarning, scanPresigned } from "../presigned-urls";
import { engineLog } from "../runtime/engine-channel";
import * as runtime from "../runtime/index";
import { runCancellation } from "../runtime/run-cancellation";
import { packageSchema } from "../schema/package-schema";
import { provproto } from "./grpc-modules";
import { checkConfig, checkedConfigInputs, configReader, diffConfig, inputsFromVariables } from "./plugin-config";
import { ProgramSide } from "./program-side";
import {
  annotateSecrets,
  fromStruct,
  isSecret,
  type Props,
  toStruct,
  unwrapSecrets,
  withSecretProps,
  withUnknowns,
} from "./property-values";
import { handlerOf, type ResourceHandler } from "./resource-table";
import { parseUrn, type ResourceUrn } from "./resource-urn";

const plain = (p: Props) => unwrapSecrets(p) as Props;

/** The handler of a request's resource, from its type (or its URN's). */
function handlerFor(urn: ResourceUrn, type = ""): ResourceHandler {
  return handlerOf(type || urn.type);
}

/** The aigc provider's RPCs on plain messages; one instance per plugin process (one per provider instance). */
export class AigcProviderService {
  constructor(
    readonly version: string,
    private readonly program: ProgramSide = new ProgramSide(),
  ) {}

  /** Configure: the provider's config into the runtime; secrets and preview accepted. */
  configure(req: pb.ConfigureRequest): pb.ConfigureResponse {
    const args = req.getArgs();
    const inputs = args ? fromStruct(args) : inputsFromVariables(req.getVariablesMap().toArray());
    runtime.configure(configReader(inputs));
    // The runtime counts unfinished intents of this project only (../runtime/ledger/previous-ledger.ts): the
    // dynamic-provider host is given the project by the engine, a plugin reads it from its provider's URN.
    const urn = req.getUrn();
    if (urn && !process.env.PULUMI_PROJECT) process.env.PULUMI_PROJECT = parseUrn(urn).project;
    return new provproto.ConfigureResponse()
      .setAcceptsecrets(true)
      .setSupportspreview(true)
      .setAcceptresources(false)
      .setAcceptoutputs(false);
  }

  /** CheckConfig: unknown keys and refused values, named at preview. */
  checkConfig(req: pb.CheckRequest): pb.CheckResponse {
    const news = fromStruct(req.getNews());
    return new provproto.CheckResponse()
      .setInputs(toStruct(checkedConfigInputs(news)))
      .setFailuresList(
        checkConfig(news).map((f) => new provproto.CheckFailure().setProperty(f.property).setReason(f.reason)),
      );
  }

  /** DiffConfig: what changed, never a replacement (see ./plugin-config.ts). */
  diffConfig(req: pb.DiffRequest): pb.DiffResponse {
    const changed = diffConfig(fromStruct(req.getOldInputs() ?? req.getOlds()), fromStruct(req.getNews()));
    return new provproto.DiffResponse()
      .setChanges(
        changed.length > 0
          ? provproto.DiffResponse.DiffChanges.DIFF_SOME
          : provproto.DiffResponse.DiffChanges.DIFF_NONE,
      )
      .setDiffsList(changed);
  }

  /** Check: the runtime's check over the inputs the program side of a dynamic resource would send. */
  async check(req: pb.CheckRequest): Promise<pb.CheckResponse> {
    const urn = parseUrn(req.getUrn());
    const h = handlerFor(urn, req.getType());
    const rawNews = fromStruct(req.getNews());
    this.warnPresigned(urn, h.name, rawNews);
    let news: Props;
    try {
      news = this.program.complete(urn, h.name, plain(rawNews));
    } catch (e) {
      return failed(req.getNews(), "idempotencyScope", (e as Error).message);
    }
    const { inputs, failures } = await h.operations().check(plain(fromStruct(req.getOlds())), news);
    return new provproto.CheckResponse()
      .setInputs(toStruct(annotateSecrets(inputs, rawNews)))
      .setFailuresList(
        (failures ?? []).map((f) => new provproto.CheckFailure().setProperty(f.property).setReason(f.reason)),
      );
  }

  /** Diff: the runtime's diff of the stored outputs and the new inputs. */
  async diff(req: pb.DiffRequest): Promise<pb.DiffResponse> {
    const h = handlerFor(parseUrn(req.getUrn()), req.getType());
    const olds = plain(fromStruct(req.getOlds()));
    const d = await h.operations().diff(req.getId(), olds, plain(fromStruct(req.getNews())));
    const { DIFF_SOME, DIFF_NONE } = provproto.DiffResponse.DiffChanges;
    return new provproto.DiffResponse()
      .setChanges(d.changes ? DIFF_SOME : DIFF_NONE)
      .setReplacesList(d.replaces ?? [])
      .setDiffsList(d.replaces ?? [])
      .setDeletebeforereplace(d.deleteBeforeReplace ?? false);
  }

  /** Create: the runtime's create; at preview, the planned outputs as unknowns and no vendor call. */
  async create(req: pb.CreateRequest): Promise<pb.CreateResponse> {
    const h = handlerFor(parseUrn(req.getUrn()), req.getType());
    const news = fromStruct(req.getProperties());
    if (req.getPreview()) {
      return new provproto.CreateResponse().setId("").setProperties(toStruct(planned(h, news)));
    }
    const { id, outs } = await secretsOnFailure(h, news, () => h.operations().create(plain(news)));
    return new provproto.CreateResponse().setId(id).setProperties(toStruct(secured(h, outs ?? {}, news)));
  }

  /** Update: the runtime's update (resume or nothing); at preview, the planned outputs as unknowns. */
  async update(req: pb.UpdateRequest): Promise<pb.UpdateResponse> {
    const h = handlerFor(parseUrn(req.getUrn()), req.getType());
    const news = fromStruct(req.getNews());
    if (req.getPreview()) {
      return new provproto.UpdateResponse().setProperties(toStruct(planned(h, news)));
    }
    const olds = plain(fromStruct(req.getOlds()));
    const { outs } = await secretsOnFailure(h, news, () => h.operations().update(req.getId(), olds, plain(news)));
    return new provproto.UpdateResponse().setProperties(toStruct(secured(h, outs ?? {}, news)));
  }

  /** Read: refresh through the runtime; with empty properties (an import), the type's import (./read.ts). */
  async read(req: pb.ReadRequest): Promise<pb.ReadResponse> {
    const urn = parseUrn(req.getUrn());
    const h = handlerFor(urn, req.getType());
    const props = fromStruct(req.getProperties());
    if (Object.keys(props).length === 0) {
      if (!h.importById) throw new Error(`pulumi-aigc: ${urn.type} resources cannot be imported by id`);
      const got = await h.importById(req.getId(), this.program.complete(urn, h.name, {}));
      // The vendor's echo of the request may hold a presigned URL: secret, in the state and the printed program.
      const inputs = presignedSecret(got.inputs);
      return new provproto.ReadResponse()
        .setId(got.id)
        .setProperties(toStruct(secured(h, got.properties, inputs)))
        .setInputs(toStruct(inputs));
    }
    const result = await h.operations().read(req.getId(), plain(props));
    const inputs = fromStruct(req.getInputs());
    const resp = new provproto.ReadResponse().setId(result.id ?? "");
    // Secret before: secret after (a refreshed value of a secret stays one), and the kind's secret outputs.
    resp.setProperties(toStruct(secured(h, annotateSecrets(result.props ?? {}, props), inputs)));
    const given = req.getInputs();
    if (given) resp.setInputs(given);
    return resp;
  }

  /** Delete: the runtime's remove (cleans up, or fails loudly rather than leak). */
  async delete(req: pb.DeleteRequest): Promise<void> {
    const h = handlerFor(parseUrn(req.getUrn()), req.getType());
    await h.operations().delete(req.getId(), plain(fromStruct(req.getProperties())));
  }

  /** Cancel: the run's cancellation (the engine also calls it at the end of every command). */
  cancel(): void {
    runCancellation.cancel();
  }

  /** GetSchema: the package schema derived from the kinds' declarations. */
  getSchema(): pb.GetSchemaResponse {
    return new provproto.GetSchemaResponse().setSchema(JSON.stringify(packageSchema(this.version)));
  }

  /** Warns (on the resource's row) about each input holding a presigned URL that is not marked secret. */
  private warnPresigned(urn: ResourceUrn, kindName: string, news: Props): void {
    const label = `${kindName} "${urn.name}"`;
    const fix = "mark it secret (YAML: fn::secret; Python: pulumi.Output.secret)";
    for (const [k, v] of Object.entries(news)) {
      scanPresigned(v, k, (p, param) => engineLog("warning", presignedWarning(label, p, param, fix)), isSecret);
    }
  }
}

/** `props` with each top-level property that holds a presigned URL marked secret. */
function presignedSecret(props: Props): Props {
  const names = Object.keys(props).filter((k) => {
    let found = false;
    scanPresigned(props[k], k, () => (found = true), isSecret);
    return found;
  });
  return withSecretProps(props, names);
}

/** The planned outputs of a create or update at preview: the inputs, and every output not known yet. */
function planned(h: ResourceHandler, news: Props): Props {
  return secured(h, withUnknowns(news, h.outputNames()), news);
}

/** `outs` with the secrets of `news` kept by name and the type's secret outputs (a function of the args) marked. */
function secured(h: ResourceHandler, outs: Props, news: Props): Props {
  return withSecretProps(annotateSecrets(outs, news), h.secretOutputs(plain(news)));
}

/** Runs a create or update; a partial state it throws (a job id saved) gets its secrets marked too. */
async function secretsOnFailure<T>(h: ResourceHandler, news: Props, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const err = e as { id?: unknown; properties?: Props };
    if (typeof err.id === "string" && err.id && err.properties) err.properties = secured(h, err.properties, news);
    throw e;
  }
}

/** A Check answer refusing `property`. */
function failed(news: ReturnType<pb.CheckRequest["getNews"]>, property: string, reason: string): pb.CheckResponse {
  return new provproto.CheckResponse()
    .setInputs(news)
    .setFailuresList([new provproto.CheckFailure().setProperty(property).setReason(reason)]);
}
