"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/components/editor/api";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { Select } from "../syncs/wizard-fields";

interface TemplateCard {
  slug: string;
  name: string;
  description: string;
  category: string;
  systems: { a: string; b: string };
  mode: string;
  objects: string[];
}

/** Built-in sync templates by category; "Use template" names the sync and picks its connections. */
export function TemplateGallery() {
  const trpc = useTRPC();
  const templates = useQuery(trpc.templates.list.queryOptions());
  const [open, setOpen] = useState<string | null>(null);
  const byCategory = new Map<string, TemplateCard[]>();
  for (const template of templates.data ?? []) {
    byCategory.set(template.category, [...(byCategory.get(template.category) ?? []), template]);
  }

  return (
    <main className="mx-auto max-w-6xl py-2">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Templates</h1>
      <p className="text-sm text-slate-500">
        Start a two-way sync from a ready-made definition: both flows with their field mappings.
      </p>
      {templates.isPending ? <p className="mt-6 text-sm text-slate-500">Loading…</p> : null}
      {templates.error ? (
        <p className="mt-6 text-sm text-red-600">{templates.error.message}</p>
      ) : null}
      {[...byCategory].map(([category, cards]) => (
        <section key={category} className="mt-6">
          <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            {category}
          </h2>
          <div className="mt-2 grid gap-4 md:grid-cols-2 lg:grid-cols-3">
            {cards.map((template) => (
              <article
                key={template.slug}
                className="flex flex-col rounded-xl border border-slate-200 bg-white p-4"
              >
                <h3 className="font-medium text-slate-900">{template.name}</h3>
                <p className="mt-1 text-xs text-slate-500">
                  A: {template.systems.a} · B: {template.systems.b} · {template.mode} ·{" "}
                  {template.objects.join(", ")}
                </p>
                <p className="mt-2 flex-1 text-sm text-slate-600">{template.description}</p>
                {open === template.slug ? (
                  <UseTemplateForm template={template} onCancel={() => setOpen(null)} />
                ) : (
                  <div className="mt-3">
                    <Button variant="primary" onClick={() => setOpen(template.slug)}>
                      Use template
                    </Button>
                  </div>
                )}
              </article>
            ))}
          </div>
        </section>
      ))}
    </main>
  );
}

function UseTemplateForm({ template, onCancel }: { template: TemplateCard; onCancel(): void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const connections = useQuery(trpc.connections.list.queryOptions());
  const instantiate = useMutation(trpc.templates.instantiate.mutationOptions());
  const [name, setName] = useState(template.name);
  const [connA, setConnA] = useState("");
  const [connB, setConnB] = useState("");
  const optionsOf = (type: string) =>
    (connections.data ?? [])
      .filter((c) => c.type === type)
      .map((c) => ({ value: c.id, label: c.name }));
  const optionsA = optionsOf(template.systems.a);
  const optionsB = optionsOf(template.systems.b);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await instantiate.mutateAsync({
        slug: template.slug,
        name: name.trim(),
        connectionAId: connA,
        connectionBId: connB,
      });
      router.push(`/syncs/${created.syncId}`);
    } catch (error) {
      toast.error(error);
    }
  };

  const missing = (options: unknown[], type: string) =>
    connections.data && options.length === 0 ? `No ${type} connection yet.` : undefined;
  return (
    <form onSubmit={submit} className="mt-3 space-y-3 border-t border-slate-100 pt-3">
      <Field id={`${template.slug}-name`} label="Sync name" required>
        <input
          id={`${template.slug}-name`}
          className={inputClass}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
      </Field>
      <Select
        id={`${template.slug}-a`}
        label={`Connection A (${template.systems.a})`}
        value={connA}
        onChange={setConnA}
        options={optionsA}
        help={missing(optionsA, template.systems.a)}
        required
      />
      <Select
        id={`${template.slug}-b`}
        label={`Connection B (${template.systems.b})`}
        value={connB}
        onChange={setConnB}
        options={optionsB}
        help={missing(optionsB, template.systems.b)}
        required
      />
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          type="submit"
          variant="primary"
          disabled={instantiate.isPending || !name.trim() || !connA || !connB}
        >
          {instantiate.isPending ? "Creating…" : "Create sync"}
        </Button>
      </div>
    </form>
  );
}
