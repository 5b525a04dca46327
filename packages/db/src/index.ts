export * from "./client";
export * from "./migrate";
export * from "./repositories/users";
export * as schema from "./schema/index";
export * from "./schema/index";
export * from "./security/passwords";
export * from "./security/secrets";
