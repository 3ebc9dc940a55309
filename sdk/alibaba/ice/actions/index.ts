export * from "./cancel-iproduction-job";
export * from "./query-iproduction-job";
export * from "./submit-iproduction-job";
