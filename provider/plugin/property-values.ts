// The engine's property values as the runtime takes them. Properties travel as protobuf Structs; a secret is an
// object carrying Pulumi's signature key (sdk/go/common/resource/sig), an unknown the UNKNOWN string. The plugin
// answers Configure with `acceptSecrets`, so secrets reach it marked: it unwraps them before calling the runtime
// (which works on plain values, as the dynamic provider's does) and marks them again on what it returns, the way
// the engine itself does for providers that decline secrets (`annotateSecrets`, provider_plugin.go).
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import { UNKNOWN } from "../runtime/unknowns";
import { structproto } from "./grpc-modules";

/** The key whose value says what a special object is. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret value. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;

/** Whether `v` is a secret wrapper. */
export function isSecret(v: unknown): v is { value: unknown } {
  return v !== null && typeof v === "object" && (v as Props)[SIG_KEY] === SECRET_SIG;
}

/** `v` marked secret (once). */
export function secret(v: unknown): unknown {
  return isSecret(v) ? v : { [SIG_KEY]: SECRET_SIG, value: v };
}

/** `v` with every secret wrapper replaced by its value. */
export function unwrapSecrets(v: unknown): unknown {
  if (isSecret(v)) return unwrapSecrets(v.value);
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecrets(x)]));
  }
  return v;
}

/**
 * Marks secret each property of `outs` whose namesake in `ins` is secret, recursing into objects present on both
 * sides (what the engine's annotateSecrets does) and into arrays element by element: a presigned URL is most often
 * an array element's field (`fileInfos[0].url`, `fn::secret` in YAML), and Check's inputs are what the state keeps.
 * Returns a new object.
 */
export function annotateSecrets(outs: Props, ins: Props): Props {
  const result: Props = { ...outs };
  for (const [k, inValue] of Object.entries(ins)) {
    if (k in result) result[k] = annotateValue(result[k], inValue);
  }
  return result;
}

function annotateValue(out: unknown, inValue: unknown): unknown {
  if (isSecret(inValue)) return secret(out);
  if (Array.isArray(inValue) && Array.isArray(out)) {
    return out.map((o, i) => (i < inValue.length ? annotateValue(o, inValue[i]) : o));
  }
  if (isPlainObject(inValue) && isPlainObject(out)) return annotateSecrets(out, inValue);
  return out;
}

function isPlainObject(v: unknown): v is Props {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !isSecret(v);
}

/** `props` with the named top-level properties marked secret (those present). */
export function withSecretProps(props: Props, names: readonly string[]): Props {
  const result: Props = { ...props };
  for (const n of names) if (n in result && result[n] !== undefined) result[n] = secret(result[n]);
  return result;
}

/** `props` with each named property set to unknown (a preview's planned outputs), unless already present. */
export function withUnknowns(props: Props, names: readonly string[]): Props {
  const result: Props = { ...props };
  for (const n of names) if (result[n] === undefined) result[n] = UNKNOWN;
  return result;
}

/** A Struct's value as a plain object (secrets still wrapped); an absent Struct is `{}`. */
export function fromStruct(s: structTypes.Struct | undefined): Props {
  return s ? (s.toJavaScript() as Props) : {};
}

/** A plain object as a Struct; undefined values are left out (a Struct cannot hold them). */
export function toStruct(props: Props): structTypes.Struct {
  return structproto.Struct.fromJavaScript(dropUndefined(props) as Record<string, structTypes.JavaScriptValue>);
}

function dropUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : dropUndefined(x)));
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, dropUndefined(x)]),
    );
  }
  return v;
}
