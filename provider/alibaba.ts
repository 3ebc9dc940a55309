export { AiImageJob, type AiImageJobArgs } from "./resources/alibaba/ai-image-job";
export { ProductionJob, type ProductionJobArgs, type ProductionJobResult } from "./resources/alibaba/production-job";
export { Txt2ImgInferenceJob, type Txt2ImgInferenceJobArgs } from "./resources/alibaba/txt2img-inference-job";
