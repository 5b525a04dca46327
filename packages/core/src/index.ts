export * from "./definitions/common";
export * from "./definitions/flow-definition";
export * from "./definitions/node-catalogue";
export * from "./definitions/node-configs";
export * from "./definitions/retry-policy";
export * from "./definitions/sync-definition";
export * from "./definitions/transform";
export * from "./model/describe";
