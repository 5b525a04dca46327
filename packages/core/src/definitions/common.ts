import { z } from "zod";

/** A JSON scalar: what a replace map or a default may produce. */
export const jsonPrimitiveSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type JsonPrimitive = z.infer<typeof jsonPrimitiveSchema>;

/** The two sides of a sync. Lower case so it can be used in handles and ids. */
export const sideSchema = z.enum(["a", "b"]);
export type Side = z.infer<typeof sideSchema>;

/** A flow runs one direction of a sync. */
export const directionSchema = z.enum(["a-to-b", "b-to-a"]);
export type Direction = z.infer<typeof directionSchema>;

export function sourceSideOf(direction: Direction): Side {
  return direction === "a-to-b" ? "a" : "b";
}

export function targetSideOf(direction: Direction): Side {
  return direction === "a-to-b" ? "b" : "a";
}

export function otherSide(side: Side): Side {
  return side === "a" ? "b" : "a";
}

/** A non-empty name of a field or object in a connected system. */
export const fieldNameSchema = z.string().min(1, "Required");
