// A resource URN read by the plugin (provider/plugin/resource-urn.ts) gives the parts the dynamic resources' class
// knows at registration: a resource under components gets the same identity text on both faces.
import { describe, expect, it } from "vitest";
import { parseUrn } from "../../../provider/plugin/resource-urn";
import { identityText, scopeText } from "../../../provider/resource-scope";

describe("parseUrn", () => {
  it("reads the stack, project, type and name of a resource parented to the stack", () => {
    expect(parseUrn("urn:pulumi:dev::shop::aigc:tencent:SceneAigcImageTask::tryon")).toEqual({
      stack: "dev",
      project: "shop",
      type: "aigc:tencent:SceneAigcImageTask",
      parentTypes: "",
      name: "tryon",
    });
  });

  it("reads the parents' types of a resource under components, as its holder names them", () => {
    const urn = parseUrn("urn:pulumi:dev::shop::my:Group$my:Inner$aigc:alibaba:AiImageJob::gif::x");
    expect(urn.parentTypes).toBe("my:Group$my:Inner");
    expect(urn.name).toBe("gif::x");
    expect(identityText(urn.parentTypes, "alibaba:AiImageJob", urn.name)).toBe(
      "my:Group$my:Inner$alibaba:AiImageJob/gif::x",
    );
    expect(scopeText(urn.project, urn.stack, "alibaba:AiImageJob", "gif")).toBe("shop/dev/alibaba:AiImageJob/gif");
  });

  it("refuses what is not a URN, naming it", () => {
    expect(() => parseUrn("tryon")).toThrow(/not a resource URN: "tryon"/);
  });
});
