"use client";

import { Field, inputClass } from "@/components/ui/field";
import { type FormField, parseList, parseScalar } from "@/lib/editor/schema-fields";

export interface SchemaFormProps {
  idPrefix: string;
  fields: readonly FormField[];
  value: Record<string, unknown>;
  /** `field` names what changed, so typing in one input undoes as one step. */
  onChange(next: Record<string, unknown>, field: string): void;
  errors?: ReadonlyMap<string, string[]>;
  /** Choices for fields named "object": the sync's object pair keys. */
  objectKeys?: readonly string[];
  /** Field names offered as suggestions in text inputs. */
  suggestions?: readonly string[];
  readOnly?: boolean;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function withValue(record: Record<string, unknown>, name: string, value: unknown) {
  const next = { ...record };
  if (value === undefined || value === "") delete next[name];
  else next[name] = value;
  return next;
}

function recordsOf(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) =>
    item !== null && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item))
      : {},
  );
}

/** A form generated from a zod schema's fields: one labelled input per property. */
export function SchemaForm(props: SchemaFormProps) {
  const { idPrefix, fields, value, onChange, errors, readOnly = false } = props;
  const listId = `${idPrefix}-suggestions`;
  return (
    <div className="space-y-3">
      {props.suggestions?.length ? (
        <datalist id={listId}>
          {props.suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const fieldErrors = errors?.get(field.name) ?? [];
        const current = value[field.name] ?? field.defaultValue;
        const set = (next: unknown) => onChange(withValue(value, field.name, next), field.name);
        const common = {
          id,
          disabled: readOnly,
          "aria-invalid": fieldErrors.length > 0,
          "aria-describedby": field.help ? `${id}-help` : undefined,
        };
        return (
          <Field
            key={field.name}
            id={id}
            label={field.label}
            help={field.help}
            errors={fieldErrors}
            required={field.required}
          >
            {field.name === "object" && props.objectKeys ? (
              <select
                {...common}
                className={inputClass}
                value={text(current)}
                onChange={(e) => set(e.target.value)}
              >
                <option value="">Choose an object…</option>
                {props.objectKeys.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            ) : field.kind === "select" ? (
              <select
                {...common}
                className={inputClass}
                value={text(current)}
                onChange={(e) => set(e.target.value || undefined)}
              >
                {field.required ? null : <option value="">(default)</option>}
                {field.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : field.kind === "boolean" ? (
              <input
                {...common}
                type="checkbox"
                className="size-4 rounded border-slate-300 text-indigo-600"
                checked={current === true}
                onChange={(e) => set(e.target.checked)}
              />
            ) : field.kind === "number" ? (
              <input
                {...common}
                type="number"
                className={inputClass}
                step={field.integer ? 1 : "any"}
                min={field.min}
                max={field.max}
                value={typeof current === "number" ? current : ""}
                onChange={(e) => set(e.target.value === "" ? undefined : Number(e.target.value))}
              />
            ) : field.kind === "list" ? (
              <input
                {...common}
                className={inputClass}
                placeholder="Comma-separated"
                value={Array.isArray(current) ? current.join(", ") : ""}
                onChange={(e) => set(parseList(e.target.value))}
              />
            ) : field.kind === "rows" ? (
              <RowsInput {...props} field={field} id={id} rows={recordsOf(current)} onRows={set} />
            ) : field.kind === "json" ? (
              <textarea
                {...common}
                rows={3}
                className={`${inputClass} font-mono text-xs`}
                defaultValue={current === undefined ? "" : JSON.stringify(current, null, 2)}
                onBlur={(e) => {
                  try {
                    set(e.target.value.trim() ? JSON.parse(e.target.value) : undefined);
                  } catch {
                    // Keep the text; validation shows the field is still unset.
                  }
                }}
              />
            ) : (
              <input
                {...common}
                className={inputClass}
                list={props.suggestions?.length ? listId : undefined}
                value={text(current)}
                onChange={(e) =>
                  set(field.kind === "scalar" ? parseScalar(e.target.value) : e.target.value)
                }
              />
            )}
          </Field>
        );
      })}
    </div>
  );
}

function RowsInput(
  props: SchemaFormProps & {
    field: Extract<FormField, { kind: "rows" }>;
    id: string;
    rows: Record<string, unknown>[];
    onRows(rows: Record<string, unknown>[]): void;
  },
) {
  const { field, rows, onRows, id, readOnly } = props;
  return (
    <div className="space-y-2">
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
        <div key={index} className="rounded-md border border-slate-200 p-2">
          <SchemaForm
            {...props}
            idPrefix={`${id}-${index}`}
            fields={field.fields}
            value={row}
            errors={undefined}
            onChange={(next) => onRows(rows.map((r, i) => (i === index ? next : r)))}
          />
          {readOnly ? null : (
            <button
              type="button"
              className="mt-1 text-xs text-red-600 hover:underline"
              onClick={() => onRows(rows.filter((_, i) => i !== index))}
            >
              Remove
            </button>
          )}
        </div>
      ))}
      {readOnly ? null : (
        <button
          type="button"
          className="text-xs font-medium text-indigo-600 hover:underline"
          onClick={() => onRows([...rows, {}])}
        >
          + Add {field.label.toLowerCase()} row
        </button>
      )}
    </div>
  );
}
