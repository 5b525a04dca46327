import type { ReactNode } from "react";

export const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus:outline-none aria-invalid:border-red-400";

/** A labelled input with help text and inline errors, wired up for screen readers. */
export function Field({
  id,
  label,
  help,
  errors = [],
  required = false,
  children,
}: {
  id: string;
  label: string;
  help?: string | undefined;
  errors?: readonly string[];
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
        {required ? (
          <span className="ml-0.5 text-red-500" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {children}
      {help ? (
        <p id={`${id}-help`} className="text-xs text-slate-500">
          {help}
        </p>
      ) : null}
      {errors.map((e) => (
        <p key={e} id={`${id}-error`} className="text-xs text-red-600">
          {e}
        </p>
      ))}
    </div>
  );
}
