import { z } from "zod";

/**
 * Temporal-style retry policy for one node's activity. The defaults are exponential backoff
 * (1 s, 2 s, 4 s, ... capped at 60 s, 5 attempts), which rides out a short outage or a rate limit
 * without hammering the remote system.
 */
export const retryPolicySchema = z
  .object({
    initialIntervalMs: z
      .number()
      .int()
      .positive()
      .default(1_000)
      .describe("Delay before the first retry, in milliseconds."),
    backoffCoefficient: z
      .number()
      .min(1)
      .default(2)
      .describe("Each retry waits this many times longer than the previous one."),
    maximumIntervalMs: z
      .number()
      .int()
      .positive()
      .default(60_000)
      .describe("Upper bound for the delay between two retries, in milliseconds."),
    maximumAttempts: z
      .number()
      .int()
      .min(1)
      .default(5)
      .describe("Total attempts including the first; 1 disables retries."),
    nonRetryableErrorTypes: z
      .array(z.string().min(1))
      .default([])
      .describe(
        "Error types that fail at once (a rejected record will not get better by waiting).",
      ),
  })
  .refine((policy) => policy.maximumIntervalMs >= policy.initialIntervalMs, {
    message: "maximumIntervalMs must be at least initialIntervalMs",
    path: ["maximumIntervalMs"],
  });
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export const defaultRetryPolicy: RetryPolicy = retryPolicySchema.parse({});

/** The delay before retry number `attempt` (1 = first retry), as Temporal computes it. */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  const raw = policy.initialIntervalMs * policy.backoffCoefficient ** Math.max(0, attempt - 1);
  return Math.min(raw, policy.maximumIntervalMs);
}
