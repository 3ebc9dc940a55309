import { z } from "zod";
import { respArray, respNumber, respString } from "../../core/schema-helpers";
import { defineTencentAction } from "../action";
import { AigcAdvancedCustomElementInfo, SubAppId } from "../models";

/** DescribeAigcAdvancedCustomElements: pages through an application's AIGC subjects. */
export const DescribeAigcAdvancedCustomElementsRequest = z
  .strictObject({
    SubAppId,
    /** Default 0; must be a multiple of Limit. */
    Offset: z.int().min(0).optional(),
    /** 1–300, default 10. */
    Limit: z.int().min(1).max(300).optional(),
  })
  .superRefine((v, ctx) => {
    const limit = v.Limit ?? 10;
    if (v.Offset !== undefined && v.Offset % limit !== 0) {
      ctx.addIssue({ code: "custom", path: ["Offset"], message: `must be a multiple of Limit (${limit})` });
    }
  });
export type DescribeAigcAdvancedCustomElementsRequest = z.input<typeof DescribeAigcAdvancedCustomElementsRequest>;

export const DescribeAigcAdvancedCustomElementsResponse = z.looseObject({
  ElementSet: respArray(AigcAdvancedCustomElementInfo),
  TotalCount: respNumber,
  RequestId: respString,
});
export type DescribeAigcAdvancedCustomElementsResponse = z.output<typeof DescribeAigcAdvancedCustomElementsResponse>;

export const DescribeAigcAdvancedCustomElements = defineTencentAction({
  name: "DescribeAigcAdvancedCustomElements",
  request: DescribeAigcAdvancedCustomElementsRequest,
  response: DescribeAigcAdvancedCustomElementsResponse,
  kind: "read",
  vendorRateLimit: 20,
});
