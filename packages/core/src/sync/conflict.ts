import { type Direction, type Side, sourceSideOf } from "../definitions/common";
import type { ConflictPolicy } from "../definitions/sync-definition";
import { parseDateValue, toEpochMs } from "../transforms/parse-date";

/** Revision facts read from each system's own fields; never stamped by Duplex (seed 002). */
export interface RevisionState {
  updatedAt?: string | number | null;
  version?: number | string | null;
}

export interface ResolveConflictInput {
  policy: ConflictPolicy;
  direction: Direction;
  /** SOR mode's side: decides sor-wins, and breaks ties for the other policies. */
  sorSide?: Side | null;
  source: RevisionState;
  /** The target record as it is now; null when it does not exist yet. */
  target: (RevisionState & { changedSinceLastSync?: boolean }) | null;
}

export interface ConflictDecision {
  /** Whether the source's values are written to the target. */
  apply: boolean;
  winner: "source" | "target";
  /** True when the revisions were equal (or both missing) and the tie-break decided. */
  tieBreak: boolean;
  reason: string;
}

function epochOf(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const parts = parseDateValue(value);
  return parts ? toEpochMs(parts) : null;
}

function versionOf(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

const decide = (apply: boolean, reason: string, tieBreak = false): ConflictDecision => ({
  apply,
  winner: apply ? "source" : "target",
  tieBreak,
  reason,
});

/**
 * Decides whether a source change overwrites the target.
 *
 * - sor-wins: changes from the SOR always apply; a non-SOR change applies unless the SOR record
 *   changed since the last sync (`target.changedSinceLastSync`), in which case the SOR keeps it.
 * - latest-source-timestamp: the later of the two systems' own updated-at values wins. A side
 *   without a timestamp loses to a side with one (it cannot prove it is newer).
 * - version-number: the higher version wins, with the same rule for missing versions.
 *
 * Ties (equal or both missing) are broken deterministically, independent of arrival order: the
 * SOR side wins in SOR mode, otherwise side A wins. So both flows of a pair agree on one winner
 * and the record cannot ping-pong.
 */
export function resolveConflict(input: ResolveConflictInput): ConflictDecision {
  const { target, source } = input;
  if (!target) return decide(true, "target record does not exist");
  const from = sourceSideOf(input.direction);
  const tieWinner = input.sorSide ?? "a";
  const tie = (what: string) =>
    decide(from === tieWinner, `${what}; tie goes to side ${tieWinner.toUpperCase()}`, true);

  switch (input.policy) {
    case "sor-wins": {
      if (!input.sorSide) throw new Error("sor-wins needs the SOR side");
      if (from === input.sorSide) return decide(true, "source is the system of record");
      if (target.changedSinceLastSync) {
        return decide(false, "the system of record changed since the last sync and wins");
      }
      return decide(true, "the system of record has no unsynced change");
    }
    case "latest-source-timestamp":
      return compareRevisions(
        epochOf(source.updatedAt),
        epochOf(target.updatedAt),
        "updated-at",
        tie,
      );
    case "version-number":
      return compareRevisions(versionOf(source.version), versionOf(target.version), "version", tie);
  }
}

function compareRevisions(
  source: number | null,
  target: number | null,
  what: string,
  tie: (what: string) => ConflictDecision,
): ConflictDecision {
  if (source === null && target === null) return tie(`neither side has a ${what}`);
  if (source === null) return decide(false, `source has no ${what}; target has one`);
  if (target === null) return decide(true, `target has no ${what}; source has one`);
  if (source > target) return decide(true, `source ${what} is newer`);
  if (source < target) return decide(false, `target ${what} is newer`);
  return tie(`equal ${what}`);
}
