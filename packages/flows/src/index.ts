import path from "node:path";
import { fileURLToPath } from "node:url";

export * from "./activities/index";
export * from "./connectors/provider";
export * from "./engine/work-item";
export * from "./replay";
export * from "./triggers";

/** Absolute path of the workflows module, for `Worker.create({ workflowsPath })`. */
export const workflowsPath = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "workflows/index.ts",
);
