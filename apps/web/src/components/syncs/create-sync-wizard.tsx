"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/components/editor/api";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { fieldOptions, objectKeyFor, Select, Steps } from "./wizard-fields";

type ModeChoice = "sor-a" | "sor-b" | "external-id";
type Policy = "sor-wins" | "latest-source-timestamp" | "version-number";
type Trigger = "trigger.poll" | "trigger.change-stream" | "trigger.schedule" | "trigger.webhook";

const STEPS = ["Systems", "Objects", "Identity & conflicts"] as const;

/** Choose two connections, the objects to link and how records are matched; both flows follow. */
export function CreateSyncWizard() {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [name, setName] = useState("");
  const [connA, setConnA] = useState("");
  const [connB, setConnB] = useState("");
  const [objectA, setObjectA] = useState("");
  const [objectB, setObjectB] = useState("");
  const [mode, setMode] = useState<ModeChoice>("sor-a");
  const [extA, setExtA] = useState("");
  const [extB, setExtB] = useState("");
  const [policy, setPolicy] = useState<Policy>("sor-wins");
  const [updatedA, setUpdatedA] = useState("");
  const [updatedB, setUpdatedB] = useState("");
  const [trigger, setTrigger] = useState<Trigger>("trigger.poll");

  const connections = useQuery(trpc.connections.list.queryOptions());
  const objectsA = useQuery(
    trpc.syncs.connectionObjects.queryOptions({ connectionId: connA }, { enabled: connA !== "" }),
  );
  const objectsB = useQuery(
    trpc.syncs.connectionObjects.queryOptions({ connectionId: connB }, { enabled: connB !== "" }),
  );
  const create = useMutation(trpc.syncs.create.mutationOptions());
  const describedA = objectsA.data?.find((o) => o.name === objectA);
  const describedB = objectsB.data?.find((o) => o.name === objectB);
  const connectionOptions = (connections.data ?? []).map((c) => ({
    value: c.id,
    label: `${c.name} (${c.type})`,
  }));

  const canContinue =
    step === 0
      ? name.trim() !== "" && connA !== "" && connB !== ""
      : step === 1
        ? objectA !== "" && objectB !== ""
        : true;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (step < STEPS.length - 1) {
      if (canContinue) setStep(step + 1);
      return;
    }
    const optional = (key: string, value: string) => (value ? { [key]: value } : {});
    try {
      const created = await create.mutateAsync({
        name: name.trim(),
        connectionAId: connA,
        connectionBId: connB,
        mode:
          mode === "external-id"
            ? { type: "external-id" }
            : { type: "sor", side: mode === "sor-a" ? "a" : "b" },
        conflictPolicy: policy,
        trigger,
        objects: [
          {
            key: objectKeyFor(objectA),
            objectA,
            objectB,
            parents: [],
            ...optional("externalIdFieldA", mode === "sor-a" ? "" : extA),
            ...optional("externalIdFieldB", mode === "sor-b" ? "" : extB),
            ...optional("updatedAtFieldA", updatedA),
            ...optional("updatedAtFieldB", updatedB),
          },
        ],
      });
      router.push(`/syncs/${created.syncId}`);
    } catch (error) {
      toast.error(error);
    }
  };

  return (
    <main className="mx-auto max-w-2xl py-2">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">New sync</h1>
      <p className="mt-1 text-sm text-slate-500">
        Duplex drafts both directions (A → B and B → A) with fields auto-mapped by name.
      </p>
      <div className="mt-6">
        <Steps step={step} labels={STEPS} />
      </div>
      <form
        onSubmit={submit}
        className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      >
        {step === 0 ? (
          <>
            <Field id="sync-name" label="Name" required>
              <input
                id="sync-name"
                className={inputClass}
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder="Customers ⇄ Accounts"
                required
              />
            </Field>
            {connections.data?.length === 0 ? (
              <p className="text-sm text-amber-700">
                No connections yet: add two on the Connections page first.
              </p>
            ) : null}
            <div className="grid grid-cols-2 gap-4">
              <Select
                id="conn-a"
                label="Connection A"
                value={connA}
                onChange={setConnA}
                options={connectionOptions}
                required
              />
              <Select
                id="conn-b"
                label="Connection B"
                value={connB}
                onChange={setConnB}
                options={connectionOptions}
                required
              />
            </div>
          </>
        ) : null}
        {step === 1 ? (
          <div className="grid grid-cols-2 gap-4">
            <Select
              id="object-a"
              label="Object on A"
              value={objectA}
              onChange={setObjectA}
              required
              placeholder={objectsA.isPending ? "Loading…" : "Choose…"}
              options={(objectsA.data ?? []).map((o) => ({
                value: o.name,
                label: o.label ?? o.name,
              }))}
              help={objectsA.error?.message}
            />
            <Select
              id="object-b"
              label="Object on B"
              value={objectB}
              onChange={setObjectB}
              required
              placeholder={objectsB.isPending ? "Loading…" : "Choose…"}
              options={(objectsB.data ?? []).map((o) => ({
                value: o.name,
                label: o.label ?? o.name,
              }))}
              help={objectsB.error?.message}
            />
          </div>
        ) : null}
        {step === 2 ? (
          <>
            <fieldset>
              <legend className="text-xs font-medium text-slate-700">
                How records are matched
              </legend>
              <div className="mt-1.5 grid grid-cols-3 gap-2 text-sm">
                {(
                  [
                    ["sor-a", "A is the system of record"],
                    ["sor-b", "B is the system of record"],
                    ["external-id", "Shared external ID"],
                  ] as const
                ).map(([value, label]) => (
                  <label
                    key={value}
                    className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 ${mode === value ? "border-indigo-300 bg-indigo-50" : "border-slate-200"}`}
                  >
                    <input
                      type="radio"
                      name="mode"
                      value={value}
                      checked={mode === value}
                      onChange={() => {
                        setMode(value);
                        if (value === "external-id" && policy === "sor-wins")
                          setPolicy("latest-source-timestamp");
                      }}
                    />
                    {label}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="grid grid-cols-2 gap-4">
              {mode !== "sor-a" ? (
                <Select
                  id="ext-a"
                  label={`External-ID field on A (${objectA})`}
                  help="Holds the other side's key."
                  value={extA}
                  onChange={setExtA}
                  options={fieldOptions(describedA)}
                  required
                />
              ) : (
                <div />
              )}
              {mode !== "sor-b" ? (
                <Select
                  id="ext-b"
                  label={`External-ID field on B (${objectB})`}
                  help="Holds the other side's key."
                  value={extB}
                  onChange={setExtB}
                  options={fieldOptions(describedB)}
                  required
                />
              ) : null}
            </div>
            <Select
              id="policy"
              label="When both sides changed a record"
              value={policy}
              onChange={(v) =>
                setPolicy(
                  v === "latest-source-timestamp" || v === "version-number" ? v : "sor-wins",
                )
              }
              options={[
                ...(mode === "external-id"
                  ? []
                  : [{ value: "sor-wins", label: "The system of record wins" }]),
                { value: "latest-source-timestamp", label: "The latest change wins (timestamps)" },
                { value: "version-number", label: "The higher version number wins" },
              ]}
              required
            />
            {policy === "latest-source-timestamp" ? (
              <div className="grid grid-cols-2 gap-4">
                <Select
                  id="upd-a"
                  label="Last-modified field on A"
                  value={updatedA}
                  onChange={setUpdatedA}
                  options={fieldOptions(describedA)}
                  required
                />
                <Select
                  id="upd-b"
                  label="Last-modified field on B"
                  value={updatedB}
                  onChange={setUpdatedB}
                  options={fieldOptions(describedB)}
                  required
                />
              </div>
            ) : null}
            <Select
              id="trigger"
              label="How changes are picked up"
              value={trigger}
              onChange={(v) =>
                setTrigger(
                  v === "trigger.change-stream" ||
                    v === "trigger.schedule" ||
                    v === "trigger.webhook"
                    ? v
                    : "trigger.poll",
                )
              }
              options={[
                { value: "trigger.poll", label: "Poll for changes" },
                { value: "trigger.change-stream", label: "Change stream (falls back to polling)" },
                { value: "trigger.schedule", label: "On a schedule" },
                { value: "trigger.webhook", label: "Webhook" },
              ]}
            />
          </>
        ) : null}
        <div className="flex justify-between border-t border-slate-100 pt-4">
          <Button onClick={() => (step === 0 ? router.push("/syncs") : setStep(step - 1))}>
            {step === 0 ? "Cancel" : "Back"}
          </Button>
          <Button type="submit" variant="primary" disabled={!canContinue || create.isPending}>
            {step < STEPS.length - 1 ? "Continue" : create.isPending ? "Creating…" : "Create sync"}
          </Button>
        </div>
      </form>
    </main>
  );
}
