"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorMessage, errorText } from "@/components/ui/form";
import { useTRPC } from "@/trpc/react";
import { CreateUserForm, isRole, roleOptions } from "./create-user-form";

/** Admin screen: list users, change roles, disable/enable, reset passwords. */
export function UsersAdmin({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const [reset, setReset] = useState<{ username: string; password: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSuccess: refresh }));
  const setDisabled = useMutation(trpc.users.setDisabled.mutationOptions({ onSuccess: refresh }));
  const resetPassword = useMutation(trpc.users.resetPassword.mutationOptions());
  const actionError = setRole.error ?? setDisabled.error ?? resetPassword.error;

  return (
    <div className="space-y-6">
      <CreateUserForm />
      <ErrorMessage>{errorText(users.error ?? actionError)}</ErrorMessage>
      {reset ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          New one-time password for <strong>{reset.username}</strong>:{" "}
          <code className="font-mono">{reset.password}</code> (shown once).
        </p>
      ) : null}
      <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-sm">
        <caption className="sr-only">Users</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">
              Username
            </th>
            <th scope="col" className="px-3 py-2">
              Email
            </th>
            <th scope="col" className="px-3 py-2">
              Role
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            <th scope="col" className="px-3 py-2">
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((user) => (
            <tr key={user.id} className="border-t border-slate-100">
              <td className="px-3 py-2 font-medium">{user.username}</td>
              <td className="px-3 py-2">{user.email ?? "—"}</td>
              <td className="px-3 py-2">
                <label className="sr-only" htmlFor={`role-${user.id}`}>
                  Role of {user.username}
                </label>
                <select
                  id={`role-${user.id}`}
                  value={user.role}
                  onChange={(e) =>
                    isRole(e.target.value) &&
                    setRole.mutate({ userId: user.id, role: e.target.value })
                  }
                  className="rounded border border-slate-300 px-2 py-1 focus:outline-none focus:ring-2 focus:ring-indigo-500"
                >
                  {roleOptions.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              </td>
              <td className="px-3 py-2">
                {user.disabledAt
                  ? "disabled"
                  : user.mustChangePassword
                    ? "must change password"
                    : "active"}
              </td>
              <td className="space-x-2 px-3 py-2">
                {user.id !== currentUserId ? (
                  <button
                    type="button"
                    className="text-indigo-600 underline"
                    onClick={() =>
                      setDisabled.mutate({ userId: user.id, disabled: !user.disabledAt })
                    }
                  >
                    {user.disabledAt ? "Enable" : "Disable"}
                  </button>
                ) : null}
                <button
                  type="button"
                  className="text-indigo-600 underline"
                  onClick={() =>
                    resetPassword.mutate(
                      { userId: user.id },
                      {
                        onSuccess: (r) =>
                          setReset({ username: user.username, password: r.oneTimePassword }),
                      },
                    )
                  }
                >
                  Reset password
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
