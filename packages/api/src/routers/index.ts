import { createCallerFactory, router } from "../trpc";
import { allowListRouter } from "./allow-list";
import { apiTokensRouter } from "./api-tokens";
import { auditRouter } from "./audit";
import { authRouter } from "./auth";
import { connectionsRouter } from "./connections";
import { connectorTypesRouter } from "./connector-types";
import { flowsRouter } from "./flows";
import { runsRouter } from "./runs";
import { syncOpsRouter } from "./sync-ops";
import { syncsRouter } from "./syncs";
import { templatesRouter } from "./templates";
import { usersRouter } from "./users";

/** Every router of the app. Add yours here; every procedure must declare its role (see trpc.ts). */
export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  apiTokens: apiTokensRouter,
  connections: connectionsRouter,
  connectorTypes: connectorTypesRouter,
  allowList: allowListRouter,
  audit: auditRouter,
  syncs: syncsRouter,
  flows: flowsRouter,
  syncOps: syncOpsRouter,
  runs: runsRouter,
  templates: templatesRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
