"""One job of each kind through the aigc provider plugin (harness/python-project.ts)."""
import pulumi

SUB_APP = 251007502


def res(token, name, props, outputs):
    return pulumi.CustomResource(token, name, {**props, **{o: None for o in outputs}})


subject = res(
    "aigc:tencent:AigcSubject",
    "subject",
    {
        "subAppId": SUB_APP,
        "elementName": "model-a",
        "elementDescription": "e2e subject",
        "referenceType": "image_refer",
        "elementImageList": {
            "frontal_image": "https://example.com/front.png",
            "refer_images": [{"image_url": "https://example.com/side.png"}],
        },
        "tagList": [{"tag_id": "o_101"}],
    },
    ["elementId"],
)
tryon = res(
    "aigc:tencent:SceneAigcImageTask",
    "tryon",
    {
        "subAppId": SUB_APP,
        "sceneInfo": {
            "type": "ai_try_on",
            "aiTryOnConfig": {
                "model": "WAND-tryon-1.0-lite",
                "clothesFileInfos": [{"type": "Url", "url": "https://example.com/jacket.png"}],
            },
        },
        "fileInfos": [{"type": "Url", "url": "https://example.com/model.png"}],
        "outputConfig": {"storageMode": "Temporary", "resolution": "2K"},
    },
    ["taskId", "status", "resultUrls"],
)
gif = res(
    "aigc:alibaba:AiImageJob",
    "gif",
    {
        "videoId": "357a8748c5774a0e89d2726e6436aa01",
        "aiTemplateId": "ef1a8842cb9f4d1bcea80cad902e4160",
        "userData": {"extend": {"team": "media"}},
    },
    ["status"],
)
portrait = res(
    "aigc:alibaba:Txt2ImgInferenceJob",
    "portrait",
    {
        "modelId": "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b",
        "prompt": "a photo of a <special-token> on a beach",
        "imageNumber": 2,
        "seed": 42,
    },
    ["jobStatus"],
)
cover = res(
    "aigc:alibaba:ProductionJob",
    "cover",
    {
        "functionName": "Cover",
        "input": {"type": "OSS", "media": "oss://media-bucket/in/launch.mp4"},
        "output": {"type": "OSS", "media": "oss://media-bucket/out/launch-cover.jpg"},
    },
    ["status"],
)

pulumi.export("subjectElementId", subject.elementId)
pulumi.export("tryonTaskId", tryon.taskId)
pulumi.export("tryonStatus", tryon.status)
pulumi.export("tryonResultUrls", tryon.resultUrls)
pulumi.export("gifStatus", gif.status)
pulumi.export("portraitStatus", portrait.jobStatus)
pulumi.export("coverStatus", cover.status)
