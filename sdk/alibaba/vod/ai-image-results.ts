// The results of a finished AI image job, decoded from its AIImageResult JSON text.
import { parseJsonLenient } from "../../core/schema-helpers";
import { type AIImageJob, AIImageResultItem } from "./models";

/** A finished AI image job with its AIImageResult JSON decoded. */
export type AIImageJobResult = AIImageJob & { readonly Results: AIImageResultItem[] };

/** Decodes AIImageResult leniently: entries that are not {Url} are dropped. */
export function aiImageResults(job: AIImageJob): AIImageResultItem[] {
  const raw = parseJsonLenient(job.AIImageResult);
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((r) => {
    const p = AIImageResultItem.safeParse(r);
    return p.success ? [p.data] : [];
  });
}
