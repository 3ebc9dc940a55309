// Building blocks shared by the Alibaba actions (alibaba.md §4–§6). Wire names as Alibaba spells them.
import { z } from "zod";

/** VOD/ICE ids (VideoId, JobId, TemplateId, PipelineId): 32 hex characters. */
export const Hex32Id = z.string().regex(/^[0-9a-fA-F]{32}$/, "must be 32 hex characters");

/** Counts UTF-8 bytes, the unit of Alibaba's size limits. */
export const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");
