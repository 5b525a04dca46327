// @vitest-environment jsdom
import { type Mapping, objectDescriptorSchema } from "@duplex/core";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MappingEditor } from "./mapping-editor";

afterEach(cleanup);

const source = objectDescriptorSchema.parse({
  name: "accounts",
  primaryKey: "id",
  fields: [
    { name: "id", type: "integer", nullable: false },
    { name: "name", type: "string", nullable: false },
    { name: "revenue", type: "string", nullable: true },
  ],
});
const target = objectDescriptorSchema.parse({
  name: "Account",
  primaryKey: "Id",
  fields: [
    { name: "Id", type: "id", nullable: false },
    { name: "Name", type: "string", nullable: false, required: true },
    { name: "AnnualRevenue", type: "number", nullable: true },
    { name: "Duplex_Id__c", type: "string", nullable: true, externalId: true },
  ],
});

function renderEditor(mappings: Mapping[], onChange = vi.fn(), onAutoMap = vi.fn()) {
  render(
    <MappingEditor
      mappings={mappings}
      onChange={onChange}
      source={source}
      target={target}
      setBySync={["Duplex_Id__c"]}
      onAutoMap={onAutoMap}
      objectKeys={["account"]}
      errors={new Map()}
    />,
  );
  return { onChange, onAutoMap };
}

describe("MappingEditor", () => {
  it("lists source and target fields, marks unmapped required targets, hides identity fields", () => {
    renderEditor([]);
    expect(screen.getByTestId("source-field-revenue").textContent).toContain("string");
    const name = screen.getByTestId("target-field-Name");
    expect(within(name).getByText("required")).toBeTruthy();
    expect(within(name).getByText(/Required on create/)).toBeTruthy();
    expect(screen.queryByTestId("target-field-Duplex_Id__c")).toBeNull();
  });

  it("picks a source from the list, and warns about a type mismatch until a cast is added", () => {
    const { onChange } = renderEditor([
      { target: "AnnualRevenue", source: "revenue", transforms: [] },
    ]);
    const row = screen.getByTestId("target-field-AnnualRevenue");
    expect(within(row).getByText(/Type mismatch: string into number field/)).toBeTruthy();
    fireEvent.change(within(screen.getByTestId("target-field-Name")).getByRole("combobox"), {
      target: { value: "name" },
    });
    expect(onChange).toHaveBeenLastCalledWith(
      [
        { target: "AnnualRevenue", source: "revenue", transforms: [] },
        { target: "Name", source: "name", transforms: [] },
      ],
      "Name.source",
    );
    fireEvent.click(within(row).getByRole("button", { name: "transforms" }));
    fireEvent.change(within(row).getByLabelText("Add transform"), { target: { value: "cast" } });
    expect(onChange).toHaveBeenLastCalledWith(
      [
        {
          target: "AnnualRevenue",
          source: "revenue",
          transforms: [{ type: "cast", to: "string" }],
        },
      ],
      "AnnualRevenue.t.add",
    );
  });

  it("connects a dragged source field to the target it is dropped on, and auto-maps on request", () => {
    const { onChange, onAutoMap } = renderEditor([]);
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (k: string, v: string) => data.set(k, v),
      getData: (k: string) => data.get(k) ?? "",
    };
    fireEvent.dragStart(screen.getByTestId("source-field-name"), { dataTransfer });
    fireEvent.drop(screen.getByTestId("target-field-Name"), { dataTransfer });
    expect(onChange).toHaveBeenLastCalledWith(
      [{ target: "Name", source: "name", transforms: [] }],
      "Name.source",
    );
    fireEvent.click(screen.getByRole("button", { name: "Auto-map by name" }));
    expect(onAutoMap).toHaveBeenCalledOnce();
  });
});
