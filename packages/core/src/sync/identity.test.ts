import { describe, expect, it } from "vitest";
import type { Direction } from "../definitions/common";
import type { RecordValues } from "../model/describe";
import { makeSync } from "./fixtures.test-support";
import { type IdentityPlan, type LinkIds, planIdentity, writesIntoSor } from "./identity";

const sorA = makeSync();
const sorB = makeSync({ mode: { type: "sor", side: "b" } });

const externalSync = makeSync({
  mode: { type: "external-id" },
  conflictPolicy: "latest-source-timestamp",
  objects: [
    {
      key: "account",
      objectA: "Account",
      objectB: "customers",
      keyFieldA: "Id",
      keyFieldB: "id",
      externalIdFieldA: "Ext__c",
      externalIdFieldB: "ext",
      updatedAtFieldA: "LastModifiedDate",
      updatedAtFieldB: "updated_at",
    },
  ],
});

type Row = [
  string,
  ReturnType<typeof makeSync>,
  Direction,
  "upsert" | "delete",
  RecordValues | null,
  LinkIds | null,
  IdentityPlan,
];

const writeBackB = (value: string | null) => ({
  side: "b" as const,
  object: "customers",
  keyField: "id",
  key: "SRC-1",
  field: "sf_id",
  value,
});

describe("planIdentity", () => {
  it.each<Row>([
    // SOR = A. A -> B: the other side's external ID is the SOR key.
    [
      "SOR create/update from SOR",
      sorA,
      "a-to-b",
      "upsert",
      { Name: "x" },
      null,
      {
        action: "write",
        operation: "upsert",
        match: { field: "sf_id", value: "SRC-1" },
        setFields: { sf_id: "SRC-1" },
        writeBack: null,
      },
    ],
    [
      "SOR delete from SOR",
      sorA,
      "a-to-b",
      "delete",
      null,
      null,
      { action: "delete", match: { field: "sf_id", value: "SRC-1" } },
    ],
    // B -> A: the SOR key is in B's external-ID field.
    [
      "non-SOR update with external ID",
      sorA,
      "b-to-a",
      "upsert",
      { sf_id: "A-1" },
      null,
      {
        action: "write",
        operation: "update",
        match: { field: "Id", value: "A-1" },
        setFields: {},
        writeBack: null,
      },
    ],
    [
      "non-SOR create: insert into SOR, then write back",
      sorA,
      "b-to-a",
      "upsert",
      { sf_id: null },
      null,
      {
        action: "write",
        operation: "insert",
        match: null,
        setFields: {},
        writeBack: writeBackB(null),
      },
    ],
    [
      "non-SOR create with blank external ID",
      sorA,
      "b-to-a",
      "upsert",
      { sf_id: "  " },
      null,
      {
        action: "write",
        operation: "insert",
        match: null,
        setFields: {},
        writeBack: writeBackB(null),
      },
    ],
    [
      "failed write-back repaired from the link",
      sorA,
      "b-to-a",
      "upsert",
      { sf_id: null },
      { idA: "A-7", idB: "SRC-1" },
      {
        action: "write",
        operation: "update",
        match: { field: "Id", value: "A-7" },
        setFields: {},
        writeBack: writeBackB("A-7"),
      },
    ],
    [
      "record's external ID beats a stale link",
      sorA,
      "b-to-a",
      "upsert",
      { sf_id: "A-1" },
      { idA: "A-7", idB: "SRC-1" },
      {
        action: "write",
        operation: "update",
        match: { field: "Id", value: "A-1" },
        setFields: {},
        writeBack: null,
      },
    ],
    [
      "numeric external ID travels as text",
      sorA,
      "b-to-a",
      "upsert",
      { sf_id: 42 },
      null,
      {
        action: "write",
        operation: "update",
        match: { field: "Id", value: "42" },
        setFields: {},
        writeBack: null,
      },
    ],
    [
      "non-SOR delete by external ID",
      sorA,
      "b-to-a",
      "delete",
      { sf_id: "A-1" },
      null,
      { action: "delete", match: { field: "Id", value: "A-1" } },
    ],
    [
      "non-SOR delete without values uses the link",
      sorA,
      "b-to-a",
      "delete",
      null,
      { idA: "A-7", idB: "SRC-1" },
      { action: "delete", match: { field: "Id", value: "A-7" } },
    ],
    [
      "non-SOR delete never linked",
      sorA,
      "b-to-a",
      "delete",
      null,
      null,
      {
        action: "skip",
        outcome: "skipped-no-external-id",
        reason: "deleted record was never linked to the SOR (sf_id empty)",
      },
    ],
    // SOR = B mirrors it.
    [
      "SOR B: create from B",
      sorB,
      "b-to-a",
      "upsert",
      {},
      null,
      {
        action: "write",
        operation: "upsert",
        match: { field: "Erp_Id__c", value: "SRC-1" },
        setFields: { Erp_Id__c: "SRC-1" },
        writeBack: null,
      },
    ],
    [
      "SOR B: create from A writes back into A",
      sorB,
      "a-to-b",
      "upsert",
      {},
      null,
      {
        action: "write",
        operation: "insert",
        match: null,
        setFields: {},
        writeBack: {
          side: "a",
          object: "Account",
          keyField: "Id",
          key: "SRC-1",
          field: "Erp_Id__c",
          value: null,
        },
      },
    ],
    // External-ID mode.
    [
      "external ID present",
      externalSync,
      "a-to-b",
      "upsert",
      { Ext__c: "X-1" },
      null,
      {
        action: "write",
        operation: "upsert",
        match: { field: "ext", value: "X-1" },
        setFields: { ext: "X-1" },
        writeBack: null,
      },
    ],
    [
      "external ID present, other direction",
      externalSync,
      "b-to-a",
      "upsert",
      { ext: "X-1" },
      null,
      {
        action: "write",
        operation: "upsert",
        match: { field: "Ext__c", value: "X-1" },
        setFields: { Ext__c: "X-1" },
        writeBack: null,
      },
    ],
    [
      "no external ID: not synced",
      externalSync,
      "a-to-b",
      "upsert",
      { Ext__c: "" },
      { idA: "SRC-1", idB: "B-1" },
      {
        action: "skip",
        outcome: "skipped-no-external-id",
        reason: "Ext__c is empty; the record syncs once it is set",
      },
    ],
    [
      "external-ID delete",
      externalSync,
      "a-to-b",
      "delete",
      { Ext__c: "X-1" },
      null,
      { action: "delete", match: { field: "ext", value: "X-1" } },
    ],
    [
      "external-ID delete from the link",
      externalSync,
      "a-to-b",
      "delete",
      null,
      { idA: "SRC-1", idB: "B-1" },
      { action: "delete", match: { field: "id", value: "B-1" } },
    ],
    [
      "external-ID delete unknown",
      externalSync,
      "a-to-b",
      "delete",
      null,
      null,
      {
        action: "skip",
        outcome: "skipped-no-external-id",
        reason: "deleted record has no Ext__c and no link",
      },
    ],
  ])("%s", (_name, sync, direction, op, sourceRecord, link, expected) => {
    expect(
      planIdentity({
        sync,
        objectKey: "account",
        direction,
        op,
        sourceKey: "SRC-1",
        sourceRecord,
        link,
      }),
    ).toEqual(expected);
  });

  it("uses described primary keys when the pair names none", () => {
    const sync = makeSync({
      objects: [
        { key: "account", objectA: "Account", objectB: "customers", externalIdFieldB: "sf_id" },
      ],
    });
    const plan = planIdentity({
      sync,
      objectKey: "account",
      direction: "b-to-a",
      sourceKey: "1",
      sourceRecord: { sf_id: "A-1" },
      link: null,
      primaryKeys: { a: "Id", b: "id" },
    });
    expect(plan).toMatchObject({ match: { field: "Id", value: "A-1" } });
    expect(() =>
      planIdentity({
        sync,
        objectKey: "account",
        direction: "b-to-a",
        sourceKey: "1",
        sourceRecord: { sf_id: "A-1" },
        link: null,
      }),
    ).toThrow(/no key field on side a/);
  });

  it("refuses unknown objects", () => {
    expect(() =>
      planIdentity({
        sync: sorA,
        objectKey: "nope",
        direction: "a-to-b",
        sourceKey: "1",
        sourceRecord: {},
        link: null,
      }),
    ).toThrow(/no object 'nope'/);
  });

  it.each<[ReturnType<typeof makeSync>, Direction, boolean]>([
    [sorA, "a-to-b", false],
    [sorA, "b-to-a", true],
    [sorB, "a-to-b", true],
    [externalSync, "a-to-b", false],
  ])("writesIntoSor #%#", (sync, direction, expected) => {
    expect(writesIntoSor(sync, direction)).toBe(expected);
  });
});
