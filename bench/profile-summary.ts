import { readFile } from "node:fs/promises";
import { z } from "zod";

// `npx tsx bench/profile-summary.ts <file.cpuprofile>`: the functions with the most self time and
// the source files with the most total self time, from a V8 profile written by `--cpu-prof`.
const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

const file = process.argv[2];
if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [top]");
const top = Number(process.argv[3] ?? 25);
const profile = profileSchema.parse(JSON.parse(await readFile(file, "utf8")));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const ms = selfMs.get(node.id) ?? 0;
  total += ms;
  const { functionName, url, lineNumber } = node.callFrame;
  const shortUrl = url.replace(/^.*node_modules\//, "~/").replace(/^.*\/work\/main\//, "");
  const fn = `${functionName || "(anonymous)"} ${shortUrl}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  byFile.set(shortUrl || functionName, (byFile.get(shortUrl || functionName) ?? 0) + ms);
}
const print = (title: string, map: Map<string, number>) => {
  process.stdout.write(`\n${title} (total ${Math.round(total)} ms)\n`);
  for (const [name, ms] of [...map].sort((x, y) => y[1] - x[1]).slice(0, top))
    process.stdout.write(
      `${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${name}\n`,
    );
};
print("self time by function", byFunction);
print("self time by file", byFile);
