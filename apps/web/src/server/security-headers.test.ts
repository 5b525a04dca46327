import { describe, expect, it } from "vitest";
import config from "../../next.config";
import { contentSecurityPolicy } from "./security-headers";

describe("security headers", () => {
  it("next.config applies them to every path", async () => {
    const rules = (await config.headers?.()) ?? [];
    const all = rules.find((rule) => rule.source === "/:path*");
    const byKey = new Map(all?.headers.map((h) => [h.key.toLowerCase(), h.value]));
    expect(byKey.get("x-content-type-options")).toBe("nosniff");
    expect(byKey.get("x-frame-options")).toBe("DENY");
    expect(byKey.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(byKey.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("allows eval only in development and never frames or foreign connections", () => {
    expect(contentSecurityPolicy(false)).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy(true)).toContain("unsafe-eval");
    expect(contentSecurityPolicy(false)).toContain("connect-src 'self';");
    expect(contentSecurityPolicy(false)).toContain("object-src 'none'");
  });
});
