import { readFile } from "node:fs/promises";
import { UsageError } from "./errors";

/** Reads a JSON file, naming the file and the problem when it cannot. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    throw new UsageError(`Cannot read ${path} (${reason}).`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${path} is not valid JSON: ${error instanceof Error ? error.message : ""}`,
    );
  }
}
