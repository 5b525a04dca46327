import type { EmulatorContext } from "../server/context";
import type { Router } from "../server/router";

export function registerBulkRoutes(_router: Router, _ctx: EmulatorContext): void {}
