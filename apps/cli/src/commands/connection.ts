import { z } from "zod";
import type { DuplexClient } from "../client";
import { UsageError } from "../errors";
import { readJsonFile } from "../files";
import type { Output } from "../output";

const configFileSchema = z.record(z.string(), z.unknown());

export async function connectionCreate(
  client: DuplexClient,
  out: Output,
  options: { type?: string | undefined; name?: string | undefined; config?: string | undefined },
): Promise<void> {
  if (!options.type || !options.name || !options.config)
    throw new UsageError(
      "Usage: connection create --type <type> --name <name> --config <file.json>",
    );
  const parsed = configFileSchema.safeParse(await readJsonFile(options.config));
  if (!parsed.success)
    throw new UsageError(`${options.config} must hold a JSON object of settings.`);
  const created = await client.connections.create.mutate({
    type: options.type,
    name: options.name,
    config: parsed.data,
  });
  out.print(created, () => ({
    columns: ["id", "name", "type"],
    rows: [[created.id, created.name, created.type]],
  }));
}
