"use client";

import { useState } from "react";
import { SchemaForm } from "@/components/editor/schema-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { formVariantsOfJson } from "@/lib/editor/schema-fields";

export interface ConnectorTypeInfo {
  type: string;
  settingsSchema: unknown;
}

export interface ConnectionDraft {
  name: string;
  type: string;
  config: Record<string, unknown>;
}

// The server decides what is secret; these names only pick a password input in the browser.
const SECRET_NAME = /pass(word)?|secret|token|private.?key|api.?key|connectionstring/i;

/**
 * Create or edit a connection with a form generated from the connector type's settings schema.
 * Secrets are write-only: they are never sent back, so a blank secret keeps the stored one.
 */
export function ConnectionForm({
  types,
  initial,
  secretsSet,
  busy,
  onSubmit,
  onCancel,
}: {
  types: readonly ConnectorTypeInfo[];
  initial: ConnectionDraft | null;
  secretsSet: readonly string[];
  busy: boolean;
  onSubmit(draft: ConnectionDraft): void;
  onCancel(): void;
}) {
  const [name, setName] = useState(initial?.name ?? "");
  const [type, setType] = useState(initial?.type ?? types[0]?.type ?? "");
  const [config, setConfig] = useState<Record<string, unknown>>(initial?.config ?? {});
  const variants = formVariantsOfJson(types.find((t) => t.type === type)?.settingsSchema);
  const [variant, setVariant] = useState(() => {
    const found = variants.findIndex((fields) =>
      fields.some((f) => f.required && f.name in (initial?.config ?? {})),
    );
    return Math.max(found, 0);
  });
  const fields = variants[variant] ?? [];
  const editing = initial !== null;

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ name: name.trim(), type, config });
      }}
    >
      <div className="grid grid-cols-2 gap-4">
        <Field id="connection-name" label="Name" required>
          <input
            id="connection-name"
            required
            className={inputClass}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field id="connection-type" label="Type" required>
          <select
            id="connection-type"
            className={inputClass}
            value={type}
            disabled={editing}
            onChange={(e) => {
              setType(e.target.value);
              setConfig({});
              setVariant(0);
            }}
          >
            {types.map((t) => (
              <option key={t.type} value={t.type}>
                {t.type}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {variants.length > 1 ? (
        <fieldset className="flex gap-4 text-sm">
          <legend className="mb-1 text-xs font-medium text-slate-700">Settings style</legend>
          {variants.map((v, i) => (
            <label key={v.map((f) => f.name).join()} className="flex items-center gap-1.5">
              <input
                type="radio"
                name="variant"
                checked={variant === i}
                onChange={() => {
                  setVariant(i);
                  setConfig({});
                }}
              />
              {v
                .filter((f) => f.required)
                .map((f) => f.label)
                .join(" + ") || `Option ${i + 1}`}
            </label>
          ))}
        </fieldset>
      ) : null}
      <SecretAwareForm
        fields={fields}
        config={config}
        setConfig={setConfig}
        secretsSet={secretsSet}
      />
      <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={busy || !name.trim()}>
          {busy ? "Saving…" : editing ? "Save changes" : "Create connection"}
        </Button>
      </div>
    </form>
  );
}

function SecretAwareForm({
  fields,
  config,
  setConfig,
  secretsSet,
}: {
  fields: ReturnType<typeof formVariantsOfJson>[number];
  config: Record<string, unknown>;
  setConfig(next: Record<string, unknown>): void;
  secretsSet: readonly string[];
}) {
  const plain = fields.filter((f) => !(f.kind === "text" && SECRET_NAME.test(f.name)));
  const secret = fields.filter((f) => f.kind === "text" && SECRET_NAME.test(f.name));
  return (
    <div className="space-y-3">
      <SchemaForm idPrefix="connection" fields={plain} value={config} onChange={setConfig} />
      {secret.map((f) => {
        const isSet = secretsSet.some((label) => label === f.name || label.endsWith(`.${f.name}`));
        return (
          <Field
            key={f.name}
            id={`connection-${f.name}`}
            label={f.label}
            required={f.required && !isSet}
            help={isSet ? "Stored (write-only). Leave blank to keep it." : f.help}
          >
            <input
              id={`connection-${f.name}`}
              type="password"
              autoComplete="new-password"
              className={inputClass}
              placeholder={isSet ? "••••••••" : ""}
              value={typeof config[f.name] === "string" ? String(config[f.name]) : ""}
              onChange={(e) => setConfig({ ...config, [f.name]: e.target.value })}
            />
          </Field>
        );
      })}
    </div>
  );
}
