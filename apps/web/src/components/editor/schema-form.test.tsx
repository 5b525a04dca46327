// @vitest-environment jsdom
import { nodeConfigSchemas } from "@duplex/core";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formFieldsOf } from "@/lib/editor/schema-fields";
import { SchemaForm } from "./schema-form";

afterEach(cleanup);

describe("SchemaForm", () => {
  it("renders labelled inputs with help text and inline errors, and reports typed values", () => {
    const onChange = vi.fn();
    render(
      <SchemaForm
        idPrefix="lookup"
        fields={formFieldsOf(nodeConfigSchemas.lookup)}
        value={{ object: "account", strategy: "link" }}
        objectKeys={["account", "contact"]}
        errors={new Map([["strategy", ["sor-key lookups need a sync in SOR mode"]]])}
        onChange={onChange}
      />,
    );
    const strategy = screen.getByLabelText("Strategy");
    expect(strategy.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("sor-key lookups need a sync in SOR mode")).toBeTruthy();
    expect(screen.getByText(/How the target record is found/)).toBeTruthy();

    fireEvent.change(strategy, { target: { value: "match-key" } });
    expect(onChange).toHaveBeenLastCalledWith(
      { object: "account", strategy: "match-key" },
      "strategy",
    );
    fireEvent.change(screen.getByLabelText(/Object/), { target: { value: "contact" } });
    expect(onChange).toHaveBeenLastCalledWith({ object: "contact", strategy: "link" }, "object");
    fireEvent.click(screen.getByLabelText("Case insensitive"));
    expect(onChange).toHaveBeenLastCalledWith(
      { object: "account", strategy: "link", caseInsensitive: false },
      "caseInsensitive",
    );
    fireEvent.click(screen.getByText("+ Add match fields row"));
    expect(onChange).toHaveBeenLastCalledWith(
      { object: "account", strategy: "link", matchFields: [{}] },
      "matchFields",
    );
  });

  it("turns numbers and comma lists into typed values and disables everything read-only", () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <SchemaForm
        idPrefix="cmp"
        fields={formFieldsOf(nodeConfigSchemas.compare)}
        value={{}}
        onChange={onChange}
      />,
    );
    fireEvent.change(screen.getByLabelText("Ignore fields"), { target: { value: "a, b" } });
    expect(onChange).toHaveBeenLastCalledWith({ ignoreFields: ["a", "b"] }, "ignoreFields");
    rerender(
      <SchemaForm
        idPrefix="poll"
        fields={formFieldsOf(nodeConfigSchemas["trigger.poll"])}
        value={{}}
        onChange={onChange}
        readOnly
      />,
    );
    const interval = screen.getByLabelText("Interval seconds");
    expect(interval.hasAttribute("disabled")).toBe(true);
    expect(interval.getAttribute("min")).toBe("5");
  });
});
