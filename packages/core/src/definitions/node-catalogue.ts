import type { NodeConfig, NodeType } from "./flow-definition";

export type NodeGroup = "Triggers" | "Transform" | "Logic" | "Actions";

export interface NodeCatalogueEntry<T extends NodeType = NodeType> {
  type: T;
  group: NodeGroup;
  label: string;
  description: string;
  /** Input handle ids; triggers have none. The first is used when an edge names no handle. */
  inputs: readonly string[];
  /** Output handle ids. The first is used when an edge names no handle. */
  outputs: readonly string[];
  /** Whether the node talks to a connected system: such nodes run as activities with retries. */
  performsIo: boolean;
  /**
   * Config a new node starts with. Object keys start empty: the editor (or defaultFlowForSync)
   * fills them from the sync, and validateFlow flags any left empty.
   */
  defaultConfig: NodeConfig<T>;
}

const IN = ["in"] as const;
const OUT = ["out"] as const;

export const nodeCatalogue: { readonly [T in NodeType]: NodeCatalogueEntry<T> } = {
  "trigger.webhook": {
    type: "trigger.webhook",
    group: "Triggers",
    label: "Webhook",
    description: "An HTTP endpoint for this flow; the payload is validated and can be HMAC-signed.",
    inputs: [],
    outputs: OUT,
    performsIo: true,
    defaultConfig: { object: "", signatureHeader: "x-duplex-signature" },
  },
  "trigger.schedule": {
    type: "trigger.schedule",
    group: "Triggers",
    label: "Schedule",
    description: "Runs on a cron or interval schedule and reads changed (or all) records.",
    inputs: [],
    outputs: OUT,
    performsIo: true,
    defaultConfig: { object: "", intervalSeconds: 900, read: "changes" },
  },
  "trigger.poll": {
    type: "trigger.poll",
    group: "Triggers",
    label: "Poll",
    description: "Reads records changed since the watermark, minus an overlap window.",
    inputs: [],
    outputs: OUT,
    performsIo: true,
    defaultConfig: { object: "", intervalSeconds: 60, overlapSeconds: 30, batchSize: 500 },
  },
  "trigger.change-stream": {
    type: "trigger.change-stream",
    group: "Triggers",
    label: "Change stream",
    description: "Logical replication, binlog or CDC events; falls back to polling.",
    inputs: [],
    outputs: OUT,
    performsIo: true,
    defaultConfig: {
      object: "",
      maxBatchSize: 500,
      maxDelayMs: 1_000,
      fallbackPollIntervalSeconds: 60,
    },
  },
  map: {
    type: "map",
    group: "Transform",
    label: "Map",
    description: "Field mappings, each with an ordered chain of transforms.",
    inputs: IN,
    outputs: OUT,
    performsIo: false,
    defaultConfig: { mappings: [], passThroughKey: true },
  },
  filter: {
    type: "filter",
    group: "Logic",
    label: "Filter",
    description: "A JSONata condition: matching records go on, the rest are skipped-filtered.",
    inputs: IN,
    outputs: ["match", "else"],
    performsIo: false,
    defaultConfig: { condition: "true" },
  },
  lookup: {
    type: "lookup",
    group: "Logic",
    label: "Lookup",
    description: "Finds the target record by link, external ID, SOR key or a match key.",
    inputs: IN,
    outputs: OUT,
    performsIo: true,
    defaultConfig: { object: "", strategy: "link", matchFields: [], caseInsensitive: true },
  },
  compare: {
    type: "compare",
    group: "Logic",
    label: "Compare",
    description: "Skips records whose mapped values already match the target: the loop breaker.",
    inputs: IN,
    outputs: OUT,
    performsIo: false,
    defaultConfig: {
      ignoreFields: [],
      caseInsensitive: false,
      trimWhitespace: true,
      collapseWhitespace: false,
      emptyStringIsNull: true,
    },
  },
  upsert: {
    type: "upsert",
    group: "Actions",
    label: "Upsert",
    description: "Insert, update or upsert in batches; the conflict policy applies here.",
    inputs: IN,
    outputs: OUT,
    performsIo: true,
    defaultConfig: { object: "", operation: "upsert", batchSize: 200 },
  },
  delete: {
    type: "delete",
    group: "Actions",
    label: "Delete",
    description: "Propagates deletes: hard, soft (set a field) or ignore.",
    inputs: IN,
    outputs: OUT,
    performsIo: true,
    defaultConfig: { object: "", behaviour: "hard", softDeleteValue: true },
  },
  "write-back": {
    type: "write-back",
    group: "Actions",
    label: "Write-back",
    description: "SOR mode: writes the SOR key back into the other side's external-ID field.",
    inputs: IN,
    outputs: OUT,
    performsIo: true,
    defaultConfig: { object: "" },
  },
};

export const nodeGroups: readonly NodeGroup[] = ["Triggers", "Transform", "Logic", "Actions"];

export function catalogueEntry(type: NodeType): NodeCatalogueEntry {
  return nodeCatalogue[type];
}
