// Building blocks shared by the Alibaba actions (docs/vendor-notes/alibaba.md). Wire names as Alibaba spells them.
import { z } from "zod";

/** An id the page documents as 32 hex characters (ICE TemplateId). */
export const Hex32Id = z.string().regex(/^[0-9a-fA-F]{32}$/, "must be 32 hex characters");

/** Counts UTF-8 bytes, the unit of Alibaba's size limits. */
export const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");
