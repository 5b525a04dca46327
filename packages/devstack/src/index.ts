export * from "./config";
export * from "./embedded-postgres";
export * from "./errors";
export * from "./logger";
export * from "./ports";
export * from "./stack";
export * from "./temporal-cli";
export * from "./temporal-server";
