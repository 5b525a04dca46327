import { describe, expect, it } from "vitest";
import { type ResolveConflictInput, resolveConflict } from "./conflict";

type Row = [string, ResolveConflictInput, { apply: boolean; tieBreak: boolean }];

const ts = "latest-source-timestamp" as const;
const ver = "version-number" as const;

describe("resolveConflict", () => {
  it.each<Row>([
    [
      "no target record: create",
      { policy: ts, direction: "a-to-b", source: {}, target: null },
      { apply: true, tieBreak: false },
    ],
    // sor-wins
    [
      "sor-wins: SOR change applies",
      {
        policy: "sor-wins",
        sorSide: "a",
        direction: "a-to-b",
        source: {},
        target: { changedSinceLastSync: true },
      },
      { apply: true, tieBreak: false },
    ],
    [
      "sor-wins: non-SOR change applies when SOR unchanged",
      {
        policy: "sor-wins",
        sorSide: "a",
        direction: "b-to-a",
        source: {},
        target: { changedSinceLastSync: false },
      },
      { apply: true, tieBreak: false },
    ],
    [
      "sor-wins: non-SOR change loses to an unsynced SOR change",
      {
        policy: "sor-wins",
        sorSide: "a",
        direction: "b-to-a",
        source: {},
        target: { changedSinceLastSync: true },
      },
      { apply: false, tieBreak: false },
    ],
    [
      "sor-wins: SOR B",
      {
        policy: "sor-wins",
        sorSide: "b",
        direction: "a-to-b",
        source: {},
        target: { changedSinceLastSync: true },
      },
      { apply: false, tieBreak: false },
    ],
    // latest-source-timestamp compares the systems' own stamps, across offsets and formats
    [
      "timestamp: source newer",
      {
        policy: ts,
        direction: "a-to-b",
        source: { updatedAt: "2024-01-02T00:00:00Z" },
        target: { updatedAt: "2024-01-01T23:59:59Z" },
      },
      { apply: true, tieBreak: false },
    ],
    [
      "timestamp: target newer",
      {
        policy: ts,
        direction: "a-to-b",
        source: { updatedAt: "2024-01-01T00:00:00Z" },
        target: { updatedAt: "2024-01-01T00:00:01Z" },
      },
      { apply: false, tieBreak: false },
    ],
    [
      "timestamp: offsets compared as instants",
      {
        policy: ts,
        direction: "a-to-b",
        source: { updatedAt: "2024-01-01T10:00:00+02:00" },
        target: { updatedAt: "2024-01-01T08:30:00Z" },
      },
      { apply: false, tieBreak: false },
    ],
    [
      "timestamp: Postgres text vs epoch ms",
      {
        policy: ts,
        direction: "a-to-b",
        source: { updatedAt: "2024-01-01 09:00:00+00" },
        target: { updatedAt: Date.UTC(2024, 0, 1, 8) },
      },
      { apply: true, tieBreak: false },
    ],
    [
      "timestamp: equal, A wins (external-ID mode)",
      {
        policy: ts,
        direction: "a-to-b",
        source: { updatedAt: "2024-01-01T00:00:00Z" },
        target: { updatedAt: "2024-01-01T00:00:00.000Z" },
      },
      { apply: true, tieBreak: true },
    ],
    [
      "timestamp: equal, B loses (external-ID mode)",
      {
        policy: ts,
        direction: "b-to-a",
        source: { updatedAt: "2024-01-01T00:00:00Z" },
        target: { updatedAt: "2024-01-01T00:00:00Z" },
      },
      { apply: false, tieBreak: true },
    ],
    [
      "timestamp: equal, SOR B wins",
      {
        policy: ts,
        sorSide: "b",
        direction: "b-to-a",
        source: { updatedAt: "2024-01-01T00:00:00Z" },
        target: { updatedAt: "2024-01-01T00:00:00Z" },
      },
      { apply: true, tieBreak: true },
    ],
    [
      "timestamp: source missing loses",
      {
        policy: ts,
        direction: "a-to-b",
        source: { updatedAt: null },
        target: { updatedAt: "2024-01-01T00:00:00Z" },
      },
      { apply: false, tieBreak: false },
    ],
    [
      "timestamp: target missing loses",
      {
        policy: ts,
        direction: "b-to-a",
        source: { updatedAt: "2024-01-01T00:00:00Z" },
        target: {},
      },
      { apply: true, tieBreak: false },
    ],
    [
      "timestamp: both missing tie",
      { policy: ts, direction: "b-to-a", source: {}, target: {} },
      { apply: false, tieBreak: true },
    ],
    [
      "timestamp: unparseable counts as missing",
      {
        policy: ts,
        direction: "a-to-b",
        source: { updatedAt: "yesterday" },
        target: { updatedAt: "2024-01-01T00:00:00Z" },
      },
      { apply: false, tieBreak: false },
    ],
    // version-number
    [
      "version: higher wins",
      { policy: ver, direction: "a-to-b", source: { version: 6 }, target: { version: 4 } },
      { apply: true, tieBreak: false },
    ],
    [
      "version: lower loses",
      { policy: ver, direction: "a-to-b", source: { version: "3" }, target: { version: 4 } },
      { apply: false, tieBreak: false },
    ],
    [
      "version: numeric text compared as numbers",
      { policy: ver, direction: "a-to-b", source: { version: "10" }, target: { version: "9" } },
      { apply: true, tieBreak: false },
    ],
    [
      "version: equal tie",
      { policy: ver, direction: "b-to-a", source: { version: 4 }, target: { version: 4 } },
      { apply: false, tieBreak: true },
    ],
    [
      "version: target missing",
      { policy: ver, direction: "a-to-b", source: { version: 1 }, target: { version: null } },
      { apply: true, tieBreak: false },
    ],
  ])("%s", (_name, input, expected) => {
    const decision = resolveConflict(input);
    expect({ apply: decision.apply, tieBreak: decision.tieBreak }).toEqual(expected);
    expect(decision.winner).toBe(expected.apply ? "source" : "target");
    expect(decision.reason).not.toBe("");
  });

  it("is symmetric: both directions agree on one winner for a tie", () => {
    const stamps = { updatedAt: "2024-01-01T00:00:00Z" };
    const ab = resolveConflict({ policy: ts, direction: "a-to-b", source: stamps, target: stamps });
    const ba = resolveConflict({ policy: ts, direction: "b-to-a", source: stamps, target: stamps });
    expect(ab.apply).not.toBe(ba.apply);
  });

  it("sor-wins without a SOR side is a programming error", () => {
    expect(() =>
      resolveConflict({ policy: "sor-wins", direction: "a-to-b", source: {}, target: {} }),
    ).toThrow();
  });
});
