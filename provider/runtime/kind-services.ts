// Which vendor service each built-in kind calls: what the preview's region rules and the hints on its
// errors need to know. A kind declared outside this package has its vendor in its name only.

/** A vendor and the service of it that a kind's jobs go to. */
export interface KindService {
  readonly vendor: "tencent" | "alibaba";
  readonly service: "vod" | "ice" | "aicontent" | undefined;
}

const BUILTIN: Readonly<Record<string, KindService>> = {
  "tencent:SceneAigcImageTask": { vendor: "tencent", service: "vod" },
  "tencent:AigcSubject": { vendor: "tencent", service: "vod" },
  "alibaba:AiImageJob": { vendor: "alibaba", service: "vod" },
  "alibaba:ProductionJob": { vendor: "alibaba", service: "ice" },
  "alibaba:Txt2ImgInferenceJob": { vendor: "alibaba", service: "aicontent" },
};

/** The vendor and service of a kind, by its name (`<vendor>:<Type>`); undefined for another vendor prefix. */
export function kindService(kindName: string): KindService | undefined {
  const known = BUILTIN[kindName];
  if (known) return known;
  const vendor = kindName.split(":")[0];
  return vendor === "tencent" || vendor === "alibaba" ? { vendor, service: undefined } : undefined;
}
