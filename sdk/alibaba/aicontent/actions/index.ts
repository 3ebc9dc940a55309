export * from "./personalizedtxt2img-add-inference-job";
export * from "./personalizedtxt2img-query-image-asset";
export * from "./personalizedtxt2img-query-inference-job-info";
export * from "./personalizedtxt2img-query-model-train-job-list";
