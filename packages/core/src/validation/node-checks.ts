import type { FlowNode } from "../definitions/flow-definition";
import type { Mapping } from "../definitions/transform";
import type { FieldDescriptor, ObjectDescriptor } from "../model/describe";
import { invalidDatePatternLetter } from "../transforms/date-format";
import { checkExpression } from "../util/jsonata";
import { type Problem, problem } from "./problem";
import {
  castAllowed,
  inferChain,
  kindOfFieldType,
  targetAccepts,
  type ValueKind,
} from "./type-inference";

export interface FieldContext {
  source?: ObjectDescriptor;
  target?: ObjectDescriptor;
}

function findField(
  descriptor: ObjectDescriptor | undefined,
  path: string,
): FieldDescriptor | undefined {
  if (!descriptor) return undefined;
  return (
    descriptor.fields.find((f) => f.name === path) ??
    descriptor.fields.find((f) => f.name === path.split(".")[0])
  );
}

function expressionProblem(
  nodeId: string,
  path: (string | number)[],
  expression: string,
): Problem[] {
  const error = checkExpression(expression);
  if (!error) return [];
  const at = error.position !== undefined ? ` at position ${error.position}` : "";
  return [
    problem("invalid-expression", `Invalid JSONata${at}: ${error.message}`, { nodeId, path }),
  ];
}

function checkMapping(
  nodeId: string,
  mapping: Mapping,
  index: number,
  fields: FieldContext,
): Problem[] {
  const problems: Problem[] = [];
  const at = (...rest: (string | number)[]) => ["config", "mappings", index, ...rest];
  let start: ValueKind = "unknown";
  if (mapping.source !== undefined && fields.source) {
    const sourceField = findField(fields.source, mapping.source);
    if (sourceField) start = kindOfFieldType(sourceField.type);
    else {
      problems.push(
        problem(
          "unknown-source-field",
          `'${mapping.source}' is not a field of ${fields.source.name}`,
          {
            nodeId,
            path: at("source"),
          },
        ),
      );
    }
  }
  if (mapping.expression !== undefined)
    problems.push(...expressionProblem(nodeId, at("expression"), mapping.expression));

  const targetField = findField(fields.target, mapping.target);
  if (fields.target && !targetField) {
    problems.push(
      problem(
        "unknown-target-field",
        `'${mapping.target}' is not a field of ${fields.target.name}`,
        {
          nodeId,
          path: at("target"),
        },
      ),
    );
  } else if (targetField && !targetField.createable && !targetField.updateable) {
    problems.push(
      problem("read-only-target-field", `'${mapping.target}' can be neither created nor updated`, {
        nodeId,
        path: at("target"),
        severity: "warning",
      }),
    );
  }

  const steps = inferChain(start, mapping.transforms);
  for (const step of steps) {
    const path = at("transforms", step.index);
    const { transform } = step;
    if (transform.type === "cast" && !castAllowed(step.input, transform.to)) {
      problems.push(
        problem("incompatible-cast", `Cannot cast a ${step.input} value to ${transform.to}`, {
          nodeId,
          path: [...path, "to"],
        }),
      );
    }
    if (transform.type === "calc")
      problems.push(...expressionProblem(nodeId, [...path, "expression"], transform.expression));
    if (transform.type === "date-format") {
      const letter = invalidDatePatternLetter(transform.pattern);
      if (letter) {
        problems.push(
          problem(
            "invalid-date-pattern",
            `Unknown letter '${letter}' in date pattern; quote literal text: '${letter}'`,
            {
              nodeId,
              path: [...path, "pattern"],
            },
          ),
        );
      }
    }
    if (transform.type === "join" && transform.fields && fields.source) {
      transform.fields.forEach((field, fieldIndex) => {
        if (!findField(fields.source, field)) {
          problems.push(
            problem("unknown-source-field", `'${field}' is not a field of ${fields.source?.name}`, {
              nodeId,
              path: [...path, "fields", fieldIndex],
            }),
          );
        }
      });
    }
  }

  if (targetField) {
    const finalKind = steps.at(-1)?.output ?? start;
    const targetKind = kindOfFieldType(targetField.type);
    if (!targetAccepts(targetKind, finalKind)) {
      const lastCast = [...steps].reverse().find((s) => s.transform.type === "cast");
      const castIsLast = lastCast !== undefined && lastCast.output === finalKind;
      problems.push(
        castIsLast
          ? problem(
              "incompatible-cast",
              `Cast to ${finalKind} does not fit ${targetField.type} field '${mapping.target}'`,
              {
                nodeId,
                path: at("transforms", lastCast.index, "to"),
              },
            )
          : problem(
              "type-mismatch",
              `A ${finalKind} value is mapped to ${targetField.type} field '${mapping.target}'; add a cast`,
              {
                nodeId,
                path: at("target"),
                severity: "warning",
              },
            ),
      );
    }
  }
  return problems;
}

/** Problems inside one schema-valid node: expressions, fields, casts. */
export function checkNode(node: FlowNode, fields: FieldContext): Problem[] {
  const nodeId = node.id;
  switch (node.type) {
    case "map": {
      const problems = node.config.mappings.flatMap((m, i) => checkMapping(nodeId, m, i, fields));
      const seen = new Map<string, number>();
      node.config.mappings.forEach((m, i) => {
        if (seen.has(m.target)) {
          problems.push(
            problem(
              "duplicate-target",
              `'${m.target}' is mapped twice (also mapping #${(seen.get(m.target) ?? 0) + 1})`,
              {
                nodeId,
                path: ["config", "mappings", i, "target"],
              },
            ),
          );
        } else seen.set(m.target, i);
      });
      return problems;
    }
    case "filter":
      return expressionProblem(nodeId, ["config", "condition"], node.config.condition);
    case "lookup":
      return node.config.matchFields.flatMap((pair, i) => [
        ...unknownField(nodeId, fields.source, pair.source, "unknown-source-field", [
          "config",
          "matchFields",
          i,
          "source",
        ]),
        ...unknownField(nodeId, fields.target, pair.target, "unknown-target-field", [
          "config",
          "matchFields",
          i,
          "target",
        ]),
      ]);
    case "upsert":
      return unknownField(nodeId, fields.target, node.config.matchField, "unknown-target-field", [
        "config",
        "matchField",
      ]);
    case "delete":
      return unknownField(
        nodeId,
        fields.target,
        node.config.softDeleteField,
        "unknown-target-field",
        ["config", "softDeleteField"],
      );
    case "write-back":
      return unknownField(nodeId, fields.source, node.config.field, "unknown-source-field", [
        "config",
        "field",
      ]);
    default:
      return [];
  }
}

function unknownField(
  nodeId: string,
  descriptor: ObjectDescriptor | undefined,
  field: string | undefined,
  code: "unknown-source-field" | "unknown-target-field",
  path: (string | number)[],
): Problem[] {
  if (!descriptor || field === undefined || findField(descriptor, field)) return [];
  return [problem(code, `'${field}' is not a field of ${descriptor.name}`, { nodeId, path })];
}
