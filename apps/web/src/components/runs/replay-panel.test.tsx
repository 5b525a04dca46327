// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildReplayRequest, summarizeCounts } from "@/lib/runs/run-format";
import { type Replay, ReplayPanel } from "./replay-panel";
import { CountCells } from "./run-bits";

afterEach(cleanup);

const runId = "00000000-0000-4000-8000-000000000001";

describe("buildReplayRequest", () => {
  it("sends only what was chosen", () => {
    expect(buildReplayRequest(runId, { mode: "all", fromStep: "", latestVersion: false })).toEqual({
      runId,
      mode: "all",
    });
    expect(
      buildReplayRequest(runId, {
        mode: "record",
        sourceKey: " 001A ",
        fromStep: "map-1",
        latestVersion: true,
      }),
    ).toEqual({ runId, mode: "record", sourceKey: "001A", fromStep: "map-1", latestVersion: true });
  });

  it("refuses a one-record replay without a key", () => {
    expect(() =>
      buildReplayRequest(runId, {
        mode: "record",
        sourceKey: " ",
        fromStep: "",
        latestVersion: false,
      }),
    ).toThrow(/source key/);
  });
});

describe("outcome counts", () => {
  it("folds every skipped-* outcome into one figure and shows deleted only when non-zero", () => {
    expect(
      summarizeCounts({ created: 2, "skipped-equal": 3, "skipped-filtered": 1, failed: 1 }),
    ).toEqual([
      { label: "created", value: 2 },
      { label: "updated", value: 0 },
      { label: "skipped", value: 4 },
      { label: "failed", value: 1 },
      { label: "deferred", value: 0 },
    ]);
    expect(summarizeCounts({ deleted: 5 }).at(-1)).toEqual({ label: "deleted", value: 5 });
  });

  it("renders the figures with failures highlighted", () => {
    render(<CountCells counts={{ updated: 7, failed: 2 }} />);
    expect(screen.getByText("updated 7")).toBeTruthy();
    expect(screen.getByText("failed 2").className).toContain("text-red-700");
  });
});

function fakeReplay(overrides: Partial<Replay> = {}): Replay {
  return {
    start: vi.fn(),
    fromStep: "",
    setFromStep: vi.fn(),
    latestVersion: false,
    setLatestVersion: vi.fn(),
    pending: false,
    started: null,
    ...overrides,
  };
}

const step = {
  nodeId: "map-1",
  nodeType: "map",
  status: "succeeded",
  attempts: 1,
  startedAt: "2025-01-01T00:00:00.000Z",
  finishedAt: null,
  durationMs: 12,
  inputSummary: null,
  outputSummary: null,
  error: null,
} as const;

describe("ReplayPanel", () => {
  it("replays the chosen records and passes step and version choices up", () => {
    const replay = fakeReplay();
    render(<ReplayPanel steps={[step]} failedCount={3} replay={replay} />);
    fireEvent.click(screen.getByLabelText(/Failed records only/));
    fireEvent.click(screen.getByRole("button", { name: "Replay" }));
    expect(replay.start).toHaveBeenCalledWith("failed");
    fireEvent.change(screen.getByLabelText("From step"), { target: { value: "map-1" } });
    expect(replay.setFromStep).toHaveBeenCalledWith("map-1");
    fireEvent.click(screen.getByLabelText("Use the latest published version"));
    expect(replay.setLatestVersion).toHaveBeenCalledWith(true);
  });

  it("cannot replay failed records when there are none, and links a started replay", () => {
    const replay = fakeReplay({ started: { runId, records: 4, workflowId: "w" } });
    render(<ReplayPanel steps={[]} failedCount={0} replay={replay} />);
    expect(screen.getByLabelText(/Failed records only/).hasAttribute("disabled")).toBe(true);
    expect(screen.getByRole("link", { name: /open run 00000000/ }).getAttribute("href")).toBe(
      `/runs/${runId}`,
    );
  });
});
