import { fileURLToPath } from "node:url";

export * from "./activities/index";

/** Absolute path of the workflows module, for `Worker.create({ workflowsPath })`. */
export const workflowsPath = fileURLToPath(new URL("./workflows/index.ts", import.meta.url));
