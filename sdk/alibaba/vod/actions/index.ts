export * from "./get-ai-image-jobs";
export * from "./list-ai-image-info";
export * from "./submit-ai-image-job";
