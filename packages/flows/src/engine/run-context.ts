import type { Connector } from "@duplex/connectors";
import {
  type Direction,
  type FlowDefinition,
  type FlowNode,
  findObjectPair,
  flowDefinitionSchema,
  type ObjectDescriptor,
  type ObjectPair,
  type Side,
  type SyncDefinition,
  sourceSideOf,
  syncDefinitionSchema,
  targetSideOf,
} from "@duplex/core";
import { type Database, getFlow, getFlowVersion, getRun, getSync, type RunRow } from "@duplex/db";
import type { ConnectorProvider } from "../connectors/provider";

export interface SideContext {
  side: Side;
  connectionId: string;
  connector: Connector;
  /** The system object name (table, sObject). */
  object: string;
  descriptor: ObjectDescriptor;
}

/** Everything a step needs to know about the run it belongs to, loaded once per activity. */
export interface RunContext {
  db: Database;
  run: RunRow;
  syncId: string;
  flowId: string;
  direction: Direction;
  sync: SyncDefinition;
  flow: FlowDefinition;
  pair: ObjectPair;
  source: SideContext;
  target: SideContext;
  connectors: ConnectorProvider;
}

export type TriggerNode = Extract<FlowNode, { type: `trigger.${string}` }>;

function isTrigger(node: FlowNode): node is TriggerNode {
  return node.type.startsWith("trigger.");
}

export function triggerOf(flow: FlowDefinition): TriggerNode {
  const trigger = flow.nodes.find(isTrigger);
  if (!trigger) throw new Error("the flow has no trigger");
  return trigger;
}

/** The object pair a flow syncs: named by its trigger (every trigger config has `object`). */
export function objectKeyOf(flow: FlowDefinition): string {
  return triggerOf(flow).config.object;
}

export async function loadRunContext(
  db: Database,
  connectors: ConnectorProvider,
  runId: string,
): Promise<RunContext> {
  const run = await getRun(db, runId);
  const [version, flowRow, syncRow] = await Promise.all([
    getFlowVersion(db, run.flowVersionId),
    getFlow(db, run.flowId),
    getSync(db, run.syncId),
  ]);
  if (!version || !flowRow || !syncRow)
    throw new Error(`run ${runId} refers to a missing flow, version or sync`);
  const flow = flowDefinitionSchema.parse(version.definition);
  const sync = syncDefinitionSchema.parse(version.syncDefinition);
  const pair = findObjectPair(sync, objectKeyOf(flow));
  const direction = flowRow.direction;
  const sideContext = async (side: Side): Promise<SideContext> => {
    const connectionId = side === "a" ? syncRow.connectionAId : syncRow.connectionBId;
    const object = side === "a" ? pair.objectA : pair.objectB;
    const [connector, descriptor] = await Promise.all([
      connectors.get(connectionId),
      connectors.describe(connectionId, object),
    ]);
    return { side, connectionId, connector, object, descriptor };
  };
  const [source, target] = await Promise.all([
    sideContext(sourceSideOf(direction)),
    sideContext(targetSideOf(direction)),
  ]);
  return {
    db,
    run,
    syncId: syncRow.id,
    flowId: flowRow.id,
    direction,
    sync,
    flow,
    pair,
    source,
    target,
    connectors,
  };
}
