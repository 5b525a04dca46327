"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button, ErrorMessage, errorText, Field } from "@/components/ui/form";
import { useTRPC } from "@/trpc/react";

const roleOptions = ["viewer", "operator", "builder", "admin"] as const;
type RoleOption = (typeof roleOptions)[number];

function isRole(value: string): value is RoleOption {
  return roleOptions.some((role) => role === value);
}

export function CreateUserForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<RoleOption>("viewer");
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: () => {
        setUsername("");
        setEmail("");
        void queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      },
    }),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ username, role, ...(email ? { email } : {}) });
  }
  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="create-user"
    >
      <h2 id="create-user" className="font-medium">
        Add a user
      </h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          id="new-username"
          label="Username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <Field
          id="new-email"
          label="Email (optional)"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div className="space-y-1">
          <label htmlFor="new-role" className="block text-sm font-medium text-slate-700">
            Role
          </label>
          <select
            id="new-role"
            value={role}
            onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500"
          >
            {roleOptions.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorMessage>{errorText(create.error)}</ErrorMessage>
      {create.data?.oneTimePassword ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          One-time password for <strong>{create.data.user.username}</strong>:{" "}
          <code className="font-mono">{create.data.oneTimePassword}</code>. It is shown once; the
          user must change it at first sign-in.
        </p>
      ) : null}
      <Button busy={create.isPending}>Add user</Button>
    </form>
  );
}

export { isRole, roleOptions };
