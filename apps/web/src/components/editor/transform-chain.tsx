"use client";

import { type Transform, type TransformType, transformSchema } from "@duplex/core";
import { useMemo } from "react";
import { inputClass } from "@/components/ui/field";
import { moveItem, newTransform, transformTypes } from "@/lib/editor/mapping-logic";
import { type FormField, formFieldsOf } from "@/lib/editor/schema-fields";
import { SchemaForm } from "./schema-form";

const transformFields = new Map<string, FormField[]>(
  transformSchema.options.map((option) => [option.shape.type.value, formFieldsOf(option)]),
);

/** An ordered chain of transforms, each with a form generated from its own schema. */
export function TransformChain({
  idPrefix,
  transforms,
  onChange,
  objectKeys,
  errors,
  readOnly = false,
}: {
  idPrefix: string;
  transforms: readonly Transform[];
  onChange(next: Transform[], field: string): void;
  objectKeys: readonly string[];
  errors: ReadonlyMap<string, string[]>;
  readOnly?: boolean;
}) {
  const parsers = useMemo(
    () => (value: Record<string, unknown>) => transformSchema.safeParse(value),
    [],
  );
  return (
    <div className="space-y-2">
      <ol className="space-y-2">
        {transforms.map((transform, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a chain's order is its identity
          <li key={index} className="rounded-md border border-slate-200 bg-slate-50 p-2">
            <div className="mb-1.5 flex items-center gap-1">
              <span className="text-xs font-semibold text-slate-700">
                {index + 1}. {transform.type}
              </span>
              {readOnly ? null : (
                <span className="ml-auto flex gap-1 text-xs">
                  <button
                    type="button"
                    aria-label={`Move ${transform.type} up`}
                    disabled={index === 0}
                    className="px-1 text-slate-500 disabled:opacity-30"
                    onClick={() => onChange(moveItem(transforms, index, index - 1), "order")}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${transform.type} down`}
                    disabled={index === transforms.length - 1}
                    className="px-1 text-slate-500 disabled:opacity-30"
                    onClick={() => onChange(moveItem(transforms, index, index + 1), "order")}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    aria-label={`Remove ${transform.type}`}
                    className="px-1 text-red-600"
                    onClick={() =>
                      onChange(
                        transforms.filter((_, i) => i !== index),
                        "remove",
                      )
                    }
                  >
                    ✕
                  </button>
                </span>
              )}
            </div>
            <SchemaForm
              idPrefix={`${idPrefix}-${index}`}
              fields={transformFields.get(transform.type) ?? []}
              value={{ ...transform }}
              objectKeys={objectKeys}
              readOnly={readOnly}
              errors={
                new Map(
                  [...errors]
                    .filter(([k]) => k.startsWith(`${index}.`))
                    .map(([k, v]) => [k.slice(`${index}.`.length), v]),
                )
              }
              onChange={(next, field) => {
                const parsed = parsers({ ...next, type: transform.type });
                // An edit that leaves the transform invalid (a cleared required field) is kept
                // out of the draft until it parses; validation would flag it anyway.
                if (parsed.success)
                  onChange(
                    transforms.map((t, i) => (i === index ? parsed.data : t)),
                    `${index}.${field}`,
                  );
              }}
            />
          </li>
        ))}
      </ol>
      {readOnly ? null : (
        <label className="flex items-center gap-2 text-xs text-slate-600">
          <span className="sr-only">Add transform</span>
          <select
            aria-label="Add transform"
            className={`${inputClass} !w-auto !py-1 text-xs`}
            value=""
            onChange={(e) => {
              const type = transformTypes.find((t): t is TransformType => t === e.target.value);
              if (type)
                onChange([...transforms, newTransform(type, objectKeys[0] ?? "object")], "add");
            }}
          >
            <option value="">+ Add transform…</option>
            {transformTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
