"""One job of each kind through the aigc provider plugin, as a user writes it with the generated Python SDK
(pulumi_aigc): the same jobs as the YAML program of harness/yaml-project.ts. Run by harness/python-project.ts."""
import pulumi
import pulumi_aigc as aigc

SUB_APP = 251007502

subject = aigc.tencent.AigcSubject(
    "subject",
    sub_app_id=SUB_APP,
    element_name="model-a",
    element_description="e2e subject",
    reference_type="image_refer",
    element_image_list={
        "frontal_image": "https://example.com/front.png",
        "refer_images": [{"image_url": "https://example.com/side.png"}],
    },
    # JSON text, not a list: the schema's tagList is "JSON text or a list", and the Pulumi Python SDK 3.248.0
    # cannot serialize a list into a Union[str, Sequence[...]] input (pulumi/runtime/rpc.py,
    # _get_list_element_type: "Unexpected type. Expected 'list'"). Objects in such unions work.
    tag_list='[{"tag_id": "o_101"}]',
)

tryon = aigc.tencent.SceneAigcImageTask(
    "tryon",
    sub_app_id=SUB_APP,
    scene_info={
        "type": "ai_try_on",
        "ai_try_on_config": {
            "model": "WAND-tryon-1.0-lite",
            "clothes_file_infos": [{"type": "Url", "url": "https://example.com/jacket.png"}],
        },
    },
    file_infos=[{"type": "Url", "url": "https://example.com/model.png"}],
    output_config={"storage_mode": "Temporary", "resolution": "2K"},
)

gif = aigc.alibaba.AiImageJob(
    "gif",
    video_id="357a8748c5774a0e89d2726e6436aa01",
    ai_template_id="ef1a8842cb9f4d1bcea80cad902e4160",
    user_data={"extend": {"team": "media"}},
)

portrait = aigc.alibaba.Txt2ImgInferenceJob(
    "portrait",
    model_id="girl_6dcc62b4-4019-11ef-a7fd-954b0578482b",
    prompt="a photo of a <special-token> on a beach",
    image_number=2,
    seed=42,
)

cover = aigc.alibaba.ProductionJob(
    "cover",
    function_name="Cover",
    input={"type": "OSS", "media": "oss://media-bucket/in/launch.mp4"},
    output={"type": "OSS", "media": "oss://media-bucket/out/launch-cover.jpg"},
)

# An explicit provider instance: a second account and endpoint (the stack config of this project names them).
config = pulumi.Config()
second = aigc.Provider(
    "second",
    endpoint=config.require("secondEndpoint"),
    alibaba_access_key_id=config.require("secondAccessKeyId"),
    alibaba_access_key_secret=config.require_secret("secondAccessKeySecret"),
)
gif2 = aigc.alibaba.AiImageJob(
    "gif2",
    video_id="b2b2b2b2c5774a0e89d2726e6436aa01",
    ai_template_id="ef1a8842cb9f4d1bcea80cad902e4160",
    opts=pulumi.ResourceOptions(provider=second),
)

pulumi.export("subjectElementId", subject.element_id)
pulumi.export("tryonTaskId", tryon.task_id)
pulumi.export("tryonStatus", tryon.status)
pulumi.export("tryonResultUrls", tryon.result_urls)
pulumi.export("gifStatus", gif.status)
pulumi.export("portraitStatus", portrait.job_status)
pulumi.export("coverStatus", cover.status)
pulumi.export("gif2Status", gif2.status)
