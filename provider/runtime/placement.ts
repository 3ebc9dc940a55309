// Where a job lives: the endpoint and region it was submitted to (its SubAppId is a request field, whose change
// replaces the resource, and which its TaskId carries). A job's placement is fixed when it is submitted: `endpoint`
// and `region` update in place, and such a change applies to the resource's future jobs only (a replacement's).
// Every later look at the job (wait, refresh, cancel, delete) goes where it is.
//
// State bytes matter (the outputs of thousands of resources), so the placement is recorded only when it is needed:
// while the resource's stored `endpoint` and `region` are the ones its job was submitted with, they say where it
// is. A job the stack config placed (./stack-placement.ts) records the resolved placement under JOB_PLACEMENT at
// create; otherwise the update that changes `endpoint` or `region` first records the job's; every later update
// and refresh carries that record as it is. Outputs without the record (written before this version, or never
// moved) keep meaning what they meant: the job is where the stored inputs say, over the stack config.
import { parseEndpoint } from "../../sdk/core/endpoint";
import type { JobPlacement } from "../job-kind";
import type { Intent } from "./ledger/ledger";
import { resolvedPlacement, stackPlacement } from "./stack-placement";
import { containsUnknown } from "./unknowns";

type Props = Record<string, unknown>;

/** The output recording where the resource's job is, once its `endpoint` or `region` inputs say otherwise. */
export const JOB_PLACEMENT = "__placement";

/** A placement as the resource's inputs give it: `endpoint` and `region` as written (absent: the stack config's). */
export interface PlacementInputs {
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
}

const text = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** The placement of a resource's inputs: its endpoint's origin and its region (undefined: the stack config's). */
export function placementOf(inputs: { readonly endpoint?: unknown; readonly region?: unknown }): JobPlacement {
  const endpoint = text(inputs.endpoint);
  return { region: text(inputs.region), endpoint: endpoint ? parseEndpoint(endpoint).origin : undefined };
}

/** Whether stored outputs carry a recorded placement. */
export function hasRecordedPlacement(props: Props): boolean {
  const r = props[JOB_PLACEMENT];
  return typeof r === "object" && r !== null && !Array.isArray(r);
}

/** The placement inputs of a stored resource's job: the recorded ones, else its stored `endpoint` and `region`. */
export function jobPlacementInputs(props: Props): PlacementInputs {
  const source = hasRecordedPlacement(props) ? (props[JOB_PLACEMENT] as Props) : props;
  const out: { endpoint?: string; region?: string } = {};
  const endpoint = text(source.endpoint);
  const region = text(source.region);
  if (endpoint) out.endpoint = endpoint;
  if (region) out.region = region;
  return out;
}

/** Where a stored resource's job is. Throws ConfigurationError for an endpoint that is not one (never stored). */
export function jobPlacement(props: Props): JobPlacement {
  return placementOf(jobPlacementInputs(props));
}

/** `inputs` with the job's `endpoint` and `region` instead of their own (for looks at a stored resource's job). */
export function atJobPlacement(inputs: Props, props: Props): Props {
  if (!hasRecordedPlacement(props)) return inputs;
  const { endpoint: _e, region: _r, [JOB_PLACEMENT]: _p, ...rest } = inputs;
  return { ...rest, ...jobPlacementInputs(props) };
}

/** The origin of an endpoint as written, or the text itself when it does not parse (compared, never used). */
function originOf(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  try {
    return parseEndpoint(endpoint).origin;
  } catch {
    return endpoint;
  }
}

/** `p` with its absent parts taken from the stack config of `kindName` (as the clients would). */
function overStack(p: PlacementInputs, kindName: string): PlacementInputs {
  const stack = stackPlacement(kindName);
  return { endpoint: p.endpoint ?? stack.endpoint, region: p.region ?? stack.region };
}

/**
 * Whether `news` place jobs elsewhere than `job`: a different endpoint origin or region. Unknown values differ.
 * With `kindName`, absent parts on both sides are the stack config's as it is now (a preview's comparison).
 */
export function placementDiffers(job: PlacementInputs, news: Props, kindName?: string): boolean {
  if (containsUnknown(news.endpoint) || containsUnknown(news.region)) return true;
  const was = kindName ? overStack(job, kindName) : job;
  const now = kindName ? overStack(jobPlacementInputs(news), kindName) : jobPlacementInputs(news);
  return originOf(was.endpoint) !== originOf(now.endpoint) || was.region !== now.region;
}

/**
 * Where a create's job goes (and is looked at): where the intent's earlier attempt sent it, when one may have
 * reached the vendor; else the resource's own placement over the stack config. Both as resolved now.
 * @throws ConfigurationError for an endpoint that is not one.
 */
export function placementAtCreate(kindName: string, inputs: Props, intent?: Intent): JobPlacement {
  const sent = intent && (intent.jobId || (intent.attempts > 0 && intent.state !== "void")) ? intent.placement : {};
  const earlier = sent && (sent.endpoint || sent.region) ? sent : undefined;
  return resolvedPlacement(kindName, earlier ?? placementOf(inputs));
}

/**
 * The placement record a create writes into the resource's outputs: the job's placement when it is not what the
 * resource's own `endpoint` and `region` say (the stack config placed it, or an earlier attempt); else none.
 */
export function placementRecordAtCreate(inputs: Props, job: JobPlacement): Props {
  const own = placementOf(inputs);
  if (own.endpoint === job.endpoint && own.region === job.region) return {};
  const record: { endpoint?: string; region?: string } = {};
  if (job.endpoint) record.endpoint = job.endpoint;
  if (job.region) record.region = job.region;
  return { [JOB_PLACEMENT]: record };
}

/**
 * The placement record an update writes into the resource's outputs: the one the old outputs carry, kept as it
 * is; else, when the new inputs move the resource, where its job is (from the old stored inputs); else none.
 */
export function placementRecord(olds: Props, news: Props): Props {
  if (hasRecordedPlacement(olds)) return { [JOB_PLACEMENT]: olds[JOB_PLACEMENT] };
  const job = jobPlacementInputs(olds);
  return placementDiffers(job, news) ? { [JOB_PLACEMENT]: job } : {};
}

/** A placement for messages. */
function describe(p: PlacementInputs): string {
  const endpoint = p.endpoint ? `endpoint ${p.endpoint}` : "the stack's endpoint";
  return `${endpoint}, ${p.region ? `region ${p.region}` : "the stack's region"}`;
}

/**
 * The preview warning for an in-place update that moves a resource (`endpoint` or `region` changed): its job
 * `jobId` stays where it was submitted. Undefined when the placement does not change.
 */
export function placementChangeWarning(jobId: string, olds: Props, news: Props, kindName?: string): string | undefined {
  const job = jobPlacementInputs(olds);
  if (!placementDiffers(job, news, kindName)) return undefined;
  const now =
    containsUnknown(news.endpoint) || containsUnknown(news.region)
      ? "a value known only at update"
      : describe(jobPlacementInputs(news));
  return (
    `WARNING placement change: job ${jobId} stays where it was submitted (${describe(job)}); refresh, cancel ` +
    `and destroy keep going there. The new placement (${now}) applies to this resource's future jobs only ` +
    "(a replacement: change resubmitToken to submit one there)"
  );
}
