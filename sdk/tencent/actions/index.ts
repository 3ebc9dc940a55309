export * from "./create-aigc-advanced-custom-element";
export * from "./create-scene-aigc-image-task";
export * from "./delete-aigc-advanced-custom-element";
export * from "./describe-aigc-advanced-custom-elements";
export * from "./describe-task-detail";
export * from "./describe-tasks";
