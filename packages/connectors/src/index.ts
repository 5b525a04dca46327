export * from "./postgres";
export * from "./registry";
export * from "./types";
