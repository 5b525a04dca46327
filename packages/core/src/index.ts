export * from "./model/describe";
