import { getHealth } from "@/server/runtime";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await getHealth();
  return Response.json(report, { status: report.status === "up" ? 200 : 503 });
}
