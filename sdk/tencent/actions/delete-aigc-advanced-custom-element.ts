import { z } from "zod";
import { respString } from "../../core/schema-helpers";
import { defineTencentAction } from "../action";
import { SubAppId } from "../models";

/** DeleteAigcAdvancedCustomElement: deletes one AIGC subject. Synchronous. */
export const DeleteAigcAdvancedCustomElementRequest = z.strictObject({
  SubAppId,
  ElementId: z.string().min(1),
});
export type DeleteAigcAdvancedCustomElementRequest = z.input<typeof DeleteAigcAdvancedCustomElementRequest>;

export const DeleteAigcAdvancedCustomElementResponse = z.looseObject({ RequestId: respString });
export type DeleteAigcAdvancedCustomElementResponse = z.output<typeof DeleteAigcAdvancedCustomElementResponse>;

export const DeleteAigcAdvancedCustomElement = defineTencentAction({
  name: "DeleteAigcAdvancedCustomElement",
  request: DeleteAigcAdvancedCustomElementRequest,
  response: DeleteAigcAdvancedCustomElementResponse,
  kind: "delete",
  vendorRateLimit: 20,
});
