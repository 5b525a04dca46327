"use client";

import type { ObjectDescriptor } from "@duplex/core";
import { Field, inputClass } from "@/components/ui/field";

export function Select({
  id,
  label,
  help,
  value,
  onChange,
  options,
  placeholder,
  required = false,
}: {
  id: string;
  label: string;
  help?: string;
  value: string;
  onChange(value: string): void;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
  required?: boolean;
}) {
  return (
    <Field id={id} label={label} help={help} required={required}>
      <select
        id={id}
        className={inputClass}
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{placeholder ?? "Choose…"}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function fieldOptions(object: ObjectDescriptor | undefined) {
  return (object?.fields ?? []).map((f) => ({
    value: f.name,
    label: `${f.name} (${f.type}${f.externalId ? ", external ID" : ""})`,
  }));
}

/** An object pair key must be a lower-case slug starting with a letter. */
export function objectKeyFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/__c$/, "")
    .replace(/[^a-z0-9_-]+/g, "_")
    .replace(/^[^a-z]+/, "");
  return slug || "object";
}

export function Steps({ step, labels }: { step: number; labels: readonly string[] }) {
  return (
    <ol className="flex gap-2 text-xs">
      {labels.map((label, i) => (
        <li
          key={label}
          aria-current={i === step ? "step" : undefined}
          className={`flex-1 rounded-md border px-3 py-2 ${i === step ? "border-indigo-300 bg-indigo-50 font-medium text-indigo-800" : i < step ? "border-slate-200 text-slate-600" : "border-slate-200 text-slate-400"}`}
        >
          {i + 1}. {label}
        </li>
      ))}
    </ol>
  );
}
