export * from "./context";
export * from "./database";
