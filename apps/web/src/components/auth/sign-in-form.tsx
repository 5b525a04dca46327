"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button, ErrorMessage, errorText, Field } from "@/components/ui/form";
import { useTRPC } from "@/trpc/react";

export function SignInForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [identifier, setIdentifier] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (result) => {
        router.replace(result.mustChangePassword ? "/change-password" : "/");
        router.refresh();
      },
    }),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate({ identifier, password });
  }
  return (
    <form onSubmit={submit} className="space-y-4" aria-describedby="sign-in-error">
      <Field
        id="identifier"
        label="Username or email"
        autoComplete="username"
        required
        value={identifier}
        onChange={(e) => setIdentifier(e.target.value)}
        autoFocus
      />
      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div id="sign-in-error">
        <ErrorMessage>{errorText(signIn.error)}</ErrorMessage>
      </div>
      <Button busy={signIn.isPending}>Sign in</Button>
    </form>
  );
}
