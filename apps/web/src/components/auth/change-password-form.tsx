"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button, ErrorMessage, errorText, Field } from "@/components/ui/form";
import { useTRPC } from "@/trpc/react";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState<string | null>(null);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        router.replace("/");
        router.refresh();
      },
    }),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    if (newPassword !== confirm) {
      setMismatch("The new passwords do not match.");
      return;
    }
    setMismatch(null);
    change.mutate({ currentPassword, newPassword });
  }
  return (
    <form onSubmit={submit} className="space-y-4">
      <Field
        id="current-password"
        label="Current (one-time) password"
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        autoFocus
      />
      <Field
        id="new-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. A passphrase of several words works well."
        required
        minLength={12}
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
      />
      <Field
        id="confirm-password"
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
      />
      <ErrorMessage>{mismatch ?? errorText(change.error)}</ErrorMessage>
      <Button busy={change.isPending}>Change password</Button>
    </form>
  );
}
