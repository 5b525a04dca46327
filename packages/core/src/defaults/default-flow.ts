import type { Direction } from "../definitions/common";
import type { FlowDefinition, FlowEdge, FlowNode } from "../definitions/flow-definition";
import { nodeCatalogue } from "../definitions/node-catalogue";
import type { SyncDefinition } from "../definitions/sync-definition";
import type { ObjectDescriptor } from "../model/describe";
import { findObjectPair, writesIntoSor } from "../sync/identity";
import { autoMapFields } from "./auto-map";

export interface DefaultFlowOptions {
  /** Object pair the flow syncs; the first object of the sync by default. */
  objectKey?: string;
  /** Descriptors of the source and target objects; with both, fields are auto-mapped. */
  source?: ObjectDescriptor;
  target?: ObjectDescriptor;
  trigger?: "trigger.poll" | "trigger.change-stream" | "trigger.schedule" | "trigger.webhook";
}

const SPACING = 260;

/**
 * The graph a new sync starts with: trigger → map → lookup → compare → upsert → delete, plus
 * write-back when this direction creates records in the SOR (their new keys must reach the other
 * side). Deletes pass through the upsert untouched and are propagated by the delete node.
 */
export function defaultFlowForSync(
  sync: SyncDefinition,
  direction: Direction,
  options: DefaultFlowOptions = {},
): FlowDefinition {
  const pair = options.objectKey ? findObjectPair(sync, options.objectKey) : sync.objects[0];
  if (!pair) throw new Error(`Sync '${sync.name}' has no objects`);
  const object = pair.key;
  const mappings =
    options.source && options.target
      ? autoMapFields(pair, direction, options.source, options.target)
      : [];
  const at = (index: number) => ({ x: index * SPACING, y: 0 });

  const nodes: FlowNode[] = [
    triggerNode(options.trigger ?? "trigger.poll", object),
    { id: "map", type: "map", position: at(1), config: { mappings, passThroughKey: true } },
    {
      id: "lookup",
      type: "lookup",
      position: at(2),
      config: {
        ...structuredClone(nodeCatalogue.lookup.defaultConfig),
        object,
        strategy: sync.mode.type === "sor" ? "sor-key" : "external-id",
      },
    },
    {
      id: "compare",
      type: "compare",
      position: at(3),
      config: structuredClone(nodeCatalogue.compare.defaultConfig),
    },
    {
      id: "upsert",
      type: "upsert",
      position: at(4),
      config: { ...nodeCatalogue.upsert.defaultConfig, object },
    },
    {
      id: "delete",
      type: "delete",
      position: at(5),
      config: { ...nodeCatalogue.delete.defaultConfig, object },
    },
  ];
  if (writesIntoSor(sync, direction)) {
    nodes.push({ id: "write-back", type: "write-back", position: at(6), config: { object } });
  }
  const edges: FlowEdge[] = nodes.slice(1).map((node, index) => ({
    id: `e-${nodes[index]?.id}-${node.id}`,
    source: nodes[index]?.id ?? "",
    target: node.id,
  }));
  return { schemaVersion: 1, direction, nodes, edges };
}

function triggerNode(type: NonNullable<DefaultFlowOptions["trigger"]>, object: string): FlowNode {
  const position = { x: 0, y: 0 };
  switch (type) {
    case "trigger.poll":
      return {
        id: "trigger",
        type,
        position,
        config: { ...nodeCatalogue[type].defaultConfig, object },
      };
    case "trigger.change-stream":
      return {
        id: "trigger",
        type,
        position,
        config: { ...nodeCatalogue[type].defaultConfig, object },
      };
    case "trigger.schedule":
      return {
        id: "trigger",
        type,
        position,
        config: { ...nodeCatalogue[type].defaultConfig, object },
      };
    case "trigger.webhook":
      return {
        id: "trigger",
        type,
        position,
        config: { ...nodeCatalogue[type].defaultConfig, object },
      };
  }
}
