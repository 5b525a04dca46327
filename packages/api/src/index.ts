export * from "./access/errors";
export * from "./access/roles";
export * from "./access/token-access";
export * from "./audit";
export * from "./connections/allowed-hosts";
export {
  assertHostAllowed,
  type ConnectionView,
  openConnection,
} from "./connections/connection-service";
export * from "./context";
export * from "./health";
export * from "./http/body-limit";
export * from "./http/cookies";
export * from "./http/csrf";
export * from "./http/trpc-handler";
export * from "./routers/index";
export * from "./trpc";
export * from "./webhooks/webhook-trigger";
