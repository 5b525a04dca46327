export * from "./auth";
export * from "./platform";
export * from "./runs";
export * from "./sync-state";
export * from "./syncs";
