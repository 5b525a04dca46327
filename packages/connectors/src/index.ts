export * from "./postgres";
export * from "./registry";
export * from "./salesforce";
export * from "./types";
