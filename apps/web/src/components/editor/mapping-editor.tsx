"use client";

import type { FieldDescriptor, Mapping, ObjectDescriptor, Transform } from "@duplex/core";
import { type DragEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { connectField, mappingWarnings, unmappedRequired } from "@/lib/editor/mapping-logic";
import { TransformChain } from "./transform-chain";

const FIELD_DRAG_TYPE = "application/duplex-source-field";

export interface MappingEditorProps {
  mappings: readonly Mapping[];
  onChange(next: Mapping[], field: string): void;
  source: ObjectDescriptor | null;
  target: ObjectDescriptor | null;
  /** Identity fields the sync writes itself (not mapped by hand). */
  setBySync: readonly string[];
  onAutoMap(): void;
  objectKeys: readonly string[];
  /** Problems for this node's mappings: "2.source" → messages. */
  errors: ReadonlyMap<string, string[]>;
  readOnly?: boolean;
}

function TypeBadge({ field }: { field: FieldDescriptor | undefined }) {
  if (!field) return null;
  return <span className="rounded bg-slate-100 px-1 text-[10px] text-slate-500">{field.type}</span>;
}

/** Source fields left, target fields right; drag a source onto a target or pick it from the list. */
export function MappingEditor(props: MappingEditorProps) {
  const { mappings, onChange, source, target, readOnly = false } = props;
  const [open, setOpen] = useState<string | null>(null);
  const required = new Set(unmappedRequired(target, mappings, props.setBySync).map((f) => f.name));
  const targetNames = [
    ...(target?.fields
      .filter((f) => f.name !== target.primaryKey && !props.setBySync.includes(f.name))
      .map((f) => f.name) ?? []),
    ...mappings.map((m) => m.target).filter((t) => !target?.fields.some((f) => f.name === t)),
  ];
  const update = (targetName: string, change: (m: Mapping) => Mapping | null, field: string) => {
    const next = mappings.flatMap((m) => {
      if (m.target !== targetName) return [m];
      const changed = change(m);
      return changed ? [changed] : [];
    });
    onChange(next, `${targetName}.${field}`);
  };
  const drop = (targetName: string) => (event: DragEvent) => {
    event.preventDefault();
    const sourceName = event.dataTransfer.getData(FIELD_DRAG_TYPE);
    if (sourceName && !readOnly)
      onChange(connectField(mappings, sourceName, targetName), `${targetName}.source`);
  };

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <p className="text-xs text-slate-500">
          {mappings.length} of {targetNames.length} target fields mapped
        </p>
        {readOnly ? null : (
          <Button
            size="sm"
            className="ml-auto"
            onClick={props.onAutoMap}
            disabled={!source || !target}
          >
            Auto-map by name
          </Button>
        )}
      </div>
      {!source || !target ? (
        <p className="rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-800">
          Field lists are unavailable (the connection could not be described); mappings can still be
          edited.
        </p>
      ) : null}
      <div className="grid grid-cols-[9rem_1fr] gap-3">
        <section aria-label="Source fields">
          <h4 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">
            Source · {source?.name ?? "?"}
          </h4>
          <ul className="space-y-1">
            {source?.fields.map((f) => (
              <li
                key={f.name}
                draggable={!readOnly}
                onDragStart={(e) => e.dataTransfer.setData(FIELD_DRAG_TYPE, f.name)}
                data-testid={`source-field-${f.name}`}
                className="flex cursor-grab items-center justify-between gap-1 rounded border border-slate-200 bg-white px-1.5 py-1 text-xs"
              >
                <span className="truncate">{f.name}</span>
                <TypeBadge field={f} />
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Target fields">
          <h4 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">
            Target · {target?.name ?? "?"}
          </h4>
          <ul className="space-y-1.5">
            {targetNames.map((name) => {
              const field = target?.fields.find((f) => f.name === name);
              const index = mappings.findIndex((m) => m.target === name);
              const mapping = mappings[index];
              const warnings = mapping ? mappingWarnings(mapping, source, target) : [];
              const problems =
                index >= 0
                  ? [...props.errors]
                      .filter(([k]) => k.startsWith(`${index}.`))
                      .flatMap(([, v]) => v)
                  : [];
              const id = `mapping-${name}`;
              return (
                <li
                  key={name}
                  data-testid={`target-field-${name}`}
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={drop(name)}
                  className={`rounded-md border bg-white p-1.5 ${required.has(name) ? "border-red-300" : mapping ? "border-indigo-200" : "border-dashed border-slate-200"}`}
                >
                  <div className="flex items-center gap-1.5">
                    <label
                      htmlFor={id}
                      className="min-w-0 flex-1 truncate text-xs font-medium text-slate-800"
                    >
                      {name}
                      {field?.required ? (
                        <span className="ml-1 text-[10px] font-semibold text-red-600">
                          required
                        </span>
                      ) : null}
                    </label>
                    <TypeBadge field={field} />
                  </div>
                  <div className="mt-1 flex items-center gap-1">
                    <span aria-hidden="true" className="text-xs text-slate-400">
                      ←
                    </span>
                    <select
                      id={id}
                      disabled={readOnly}
                      className={`${inputClass} !py-0.5 text-xs`}
                      value={mapping?.source ?? ""}
                      onChange={(e) =>
                        e.target.value
                          ? onChange(connectField(mappings, e.target.value, name), `${name}.source`)
                          : update(name, () => null, "source")
                      }
                    >
                      <option value="">
                        {mapping?.expression ? "(expression)" : "— not mapped —"}
                      </option>
                      {source?.fields.map((f) => (
                        <option key={f.name} value={f.name}>
                          {f.name}
                        </option>
                      ))}
                      {mapping?.source && !source?.fields.some((f) => f.name === mapping.source) ? (
                        <option value={mapping.source}>{mapping.source}</option>
                      ) : null}
                    </select>
                    {mapping ? (
                      <button
                        type="button"
                        className="shrink-0 rounded px-1.5 text-xs text-indigo-600 hover:bg-indigo-50"
                        aria-expanded={open === name}
                        onClick={() => setOpen(open === name ? null : name)}
                      >
                        {mapping.transforms.length
                          ? `${mapping.transforms.length} transform${mapping.transforms.length > 1 ? "s" : ""}`
                          : "transforms"}
                      </button>
                    ) : null}
                  </div>
                  {[...warnings, ...problems].map((w) => (
                    <p key={w} className="mt-1 text-[11px] text-amber-700">
                      ⚠ {w}
                    </p>
                  ))}
                  {required.has(name) ? (
                    <p className="mt-1 text-[11px] text-red-600">
                      Required on create; map it or set a default
                    </p>
                  ) : null}
                  {mapping && open === name ? (
                    <div className="mt-2">
                      <TransformChain
                        idPrefix={`${id}-t`}
                        transforms={mapping.transforms}
                        objectKeys={props.objectKeys}
                        readOnly={readOnly}
                        errors={
                          new Map(
                            [...props.errors]
                              .filter(([k]) => k.startsWith(`${index}.transforms.`))
                              .map(([k, v]) => [k.slice(`${index}.transforms.`.length), v]),
                          )
                        }
                        onChange={(transforms: Transform[], f) =>
                          update(name, (m) => ({ ...m, transforms }), `t.${f}`)
                        }
                      />
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      </div>
    </div>
  );
}
