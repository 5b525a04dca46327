"use client";

import {
  autoMapFields,
  type FlowDraft,
  type FlowDraftNode,
  type FlowOperationInput,
  mappingSchema,
  nodeCatalogue,
  nodeConfigSchemas,
  type ObjectDescriptor,
  type Problem,
  pairField,
  type SyncDefinition,
  targetSideOf,
} from "@duplex/core";
import { useMemo } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { mergeAutoMapped } from "@/lib/editor/mapping-logic";
import { errorsByField, formFieldsOf } from "@/lib/editor/schema-fields";
import { MappingEditor } from "./mapping-editor";
import { SchemaForm } from "./schema-form";

const mappingsSchema = z.array(mappingSchema);

export interface NodePanelProps {
  node: FlowDraftNode;
  draft: FlowDraft;
  sync: SyncDefinition;
  objectKey: string | null;
  problems: readonly Problem[];
  sides: { source: ObjectDescriptor | null; target: ObjectDescriptor | null };
  readOnly: boolean;
  onOperations(ops: FlowOperationInput[], coalesceKey?: string): void;
  onTest(nodeId: string): void;
  onClose(): void;
}

/** The selected node's settings: a form generated from its config schema, or the mapping editor. */
export function NodePanel(props: NodePanelProps) {
  const { node, sync, readOnly, onOperations } = props;
  const entry = nodeCatalogue[node.type];
  const fields = useMemo(() => formFieldsOf(nodeConfigSchemas[node.type]), [node.type]);
  const mine = props.problems.filter((p) => p.nodeId === node.id);
  const errors = errorsByField(mine, ["config"]);
  const general = mine.filter((p) => p.path?.[0] !== "config" || p.path.length < 2);
  const objectKeys = sync.objects.map((o) => o.key);
  const setConfig = (config: Record<string, unknown>, field: string) =>
    onOperations([{ type: "updateNodeConfig", nodeId: node.id, config }], `${node.id}.${field}`);

  const pair = sync.objects.find((o) => o.key === props.objectKey);
  const to = targetSideOf(props.draft.direction);
  const setBySync = pair
    ? [pairField(pair, "externalIdField", to), pairField(pair, "keyField", to)].filter(
        (f): f is string => Boolean(f),
      )
    : [];
  const mappings = mappingsSchema.safeParse(node.config.mappings ?? []);

  return (
    <aside
      aria-label="Node settings"
      className="flex h-full w-[24rem] shrink-0 flex-col border-l border-slate-200 bg-white"
    >
      <header className="flex items-start gap-2 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0 flex-1">
          <p className="text-[11px] font-semibold tracking-wide text-slate-400 uppercase">
            {entry.label}
          </p>
          <h2 className="truncate text-sm font-semibold text-slate-900">{node.label ?? node.id}</h2>
          <p className="mt-0.5 text-xs text-slate-500">{entry.description}</p>
        </div>
        <button
          type="button"
          aria-label="Close node settings"
          className="text-slate-400 hover:text-slate-700"
          onClick={props.onClose}
        >
          ✕
        </button>
      </header>
      <div className="flex-1 space-y-4 overflow-y-auto px-4 py-3">
        {general.length ? (
          <ul className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-xs text-red-700">
            {general.map((p) => (
              <li key={`${p.code}-${p.message}`}>{p.message}</li>
            ))}
          </ul>
        ) : null}
        <Field id={`label-${node.id}`} label="Label" help="Shown on the canvas instead of the id.">
          <input
            id={`label-${node.id}`}
            className={inputClass}
            disabled={readOnly}
            value={node.label ?? ""}
            onChange={(e) =>
              onOperations(
                [{ type: "setLabel", nodeId: node.id, label: e.target.value }],
                `${node.id}.label`,
              )
            }
          />
        </Field>
        {node.type === "map" ? (
          mappings.success ? (
            <>
              <MappingEditor
                mappings={mappings.data}
                source={props.sides.source}
                target={props.sides.target}
                setBySync={setBySync}
                objectKeys={objectKeys}
                readOnly={readOnly}
                errors={errorsByField(mine, ["config", "mappings"])}
                onChange={(next, field) =>
                  setConfig({ ...node.config, mappings: next }, `mappings.${field}`)
                }
                onAutoMap={() => {
                  if (!pair || !props.sides.source || !props.sides.target) return;
                  const suggested = autoMapFields(
                    pair,
                    props.draft.direction,
                    props.sides.source,
                    props.sides.target,
                  );
                  setConfig(
                    { ...node.config, mappings: mergeAutoMapped(mappings.data, suggested) },
                    "automap",
                  );
                }}
              />
              <SchemaForm
                idPrefix={`cfg-${node.id}`}
                fields={fields.filter((f) => f.name !== "mappings")}
                value={node.config}
                readOnly={readOnly}
                errors={errors}
                onChange={setConfig}
              />
            </>
          ) : (
            <p className="text-xs text-red-600">
              The mappings of this node are not valid; fix them in a restored version.
            </p>
          )
        ) : (
          <SchemaForm
            idPrefix={`cfg-${node.id}`}
            fields={fields}
            value={node.config}
            readOnly={readOnly}
            errors={errors}
            objectKeys={objectKeys}
            suggestions={[
              ...new Set(
                [...(props.sides.source?.fields ?? []), ...(props.sides.target?.fields ?? [])].map(
                  (f) => f.name,
                ),
              ),
            ]}
            onChange={setConfig}
          />
        )}
      </div>
      <footer className="border-t border-slate-200 px-4 py-3">
        <Button
          variant="secondary"
          onClick={() => props.onTest(node.id)}
          className="w-full justify-center"
        >
          ▶ Test up to this node
        </Button>
      </footer>
    </aside>
  );
}
