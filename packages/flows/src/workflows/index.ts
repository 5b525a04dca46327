// Every workflow the Duplex worker registers. Workflow code is deterministic: it imports activity
// types only, and lint forbids Node built-ins and I/O packages in this folder.
export { runFlowWorkflow } from "./run-flow";
export { type SyncFlowInput, syncFlowWorkflow } from "./sync-flow";
