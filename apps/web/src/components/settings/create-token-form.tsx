"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/trpc/react";
import { isRole, roleOptions } from "./create-user-form";

/** Creates a token and shows its secret once, with a copy button. */
export function CreateTokenForm({ onCreated }: { onCreated(): void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const syncs = useQuery(trpc.syncs.list.queryOptions());
  const [name, setName] = useState("");
  const [syncIds, setSyncIds] = useState<string[]>([]);
  const [role, setRole] = useState("");
  const [copied, setCopied] = useState(false);
  const create = useMutation(
    trpc.apiTokens.create.mutationOptions({
      onSuccess: () => {
        setName("");
        setSyncIds([]);
        setRole("");
        setCopied(false);
        onCreated();
      },
      onError: toast.error,
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), syncIds, ...(isRole(role) ? { role } : {}) });
  };
  const copy = async (token: string) => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      toast.show("error", "Copying failed; select the token and copy it by hand.");
    }
  };

  return (
    <form
      onSubmit={submit}
      aria-labelledby="create-token"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
    >
      <h2 id="create-token" className="text-sm font-semibold">
        Create a token
      </h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="token-name" label="Name" required help="Who or what uses it, e.g. nightly-ci.">
          <input
            id="token-name"
            className={inputClass}
            required
            maxLength={200}
            aria-describedby="token-name-help"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field
          id="token-syncs"
          label="Syncs it may run"
          help="Ctrl/⌘-click to pick several. Required unless a role is set."
        >
          <select
            id="token-syncs"
            multiple
            size={4}
            className={inputClass}
            aria-describedby="token-syncs-help"
            value={syncIds}
            disabled={!syncs.data}
            onChange={(e) => setSyncIds(Array.from(e.target.selectedOptions, (o) => o.value))}
          >
            {(syncs.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {syncs.isError ? (
            <p className="text-xs text-red-600">Syncs could not be loaded: {syncs.error.message}</p>
          ) : syncs.data?.length === 0 ? (
            <p className="text-xs text-slate-500">No syncs yet.</p>
          ) : null}
        </Field>
        <Field
          id="token-role"
          label="Role (optional)"
          help="Makes an automation token that acts as you with at most this role (e.g. builder for CI applying definitions)."
        >
          <select
            id="token-role"
            className={inputClass}
            aria-describedby="token-role-help"
            value={role}
            onChange={(e) => setRole(e.target.value)}
          >
            <option value="">None: only run the syncs above</option>
            {roleOptions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Button
        type="submit"
        variant="primary"
        disabled={create.isPending || (syncIds.length === 0 && role === "")}
      >
        {create.isPending ? "Creating…" : "Create token"}
      </Button>
      {create.data ? (
        <div
          role="status"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          <p>
            <strong>Copy the token for {create.data.name} now: you won't see it again.</strong>{" "}
            Duplex keeps only its hash.
          </p>
          <div className="flex items-center gap-2">
            <code className="flex-1 rounded border border-amber-200 bg-white px-2 py-1 font-mono text-xs break-all select-all">
              {create.data.token}
            </code>
            <Button size="sm" onClick={() => void copy(create.data.token)}>
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
