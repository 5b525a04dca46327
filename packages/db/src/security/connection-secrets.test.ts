import { describe, expect, it } from "vitest";
import {
  dropEmptySecrets,
  isSecretFieldName,
  mergeSecrets,
  secretLabel,
  splitSecrets,
} from "./connection-secrets";

describe("secret fields", () => {
  it.each([
    ["password", true],
    ["clientSecret", true],
    ["privateKey", true],
    ["private_key", true],
    ["securityToken", true],
    ["refreshToken", true],
    ["apiKey", true],
    ["Authorization", true],
    ["passphrase", true],
    ["host", false],
    ["user", false],
    ["username", false],
    ["connectionString", false],
    ["schema", false],
  ])("%s is secret: %s", (name, secret) => {
    expect(isSecretFieldName(name)).toBe(secret);
  });

  it("splits nested secrets and URL passwords, and merges them back exactly", () => {
    const config = {
      host: "db.example.com",
      password: "p@ss:word/",
      auth: { type: "jwt", clientId: "id", privateKey: "-----BEGIN KEY-----" },
      connectionString: "postgresql://app:s%3Acret@db.example.com:5432/main?sslmode=require",
      headers: [{ name: "x", authorization: "Bearer abc" }],
    };
    const { publicConfig, secrets } = splitSecrets(config);
    expect(publicConfig).toEqual({
      host: "db.example.com",
      auth: { type: "jwt", clientId: "id" },
      connectionString: "postgresql://app@db.example.com:5432/main?sslmode=require",
      headers: [{ name: "x" }],
    });
    expect(secrets.map(secretLabel).sort()).toEqual(
      [
        "auth.privateKey",
        "connectionString.password",
        "headers.0.authorization",
        "password",
      ].sort(),
    );
    expect(JSON.stringify(publicConfig)).not.toMatch(/p@ss|cret|BEGIN|Bearer/);
    expect(mergeSecrets(publicConfig, secrets)).toEqual(config);
  });

  it("keeps stored secrets only where the submission has none", () => {
    const stored = splitSecrets({
      password: "old",
      connectionString: "postgresql://u:old@h/d",
    }).secrets;
    expect(
      mergeSecrets({ password: "new", connectionString: "postgresql://u:new@h/d" }, stored, {
        onlyMissing: true,
      }),
    ).toEqual({
      password: "new",
      connectionString: "postgresql://u:new@h/d",
    });
    expect(
      mergeSecrets({ connectionString: "postgresql://u@h2/d" }, stored, { onlyMissing: true }),
    ).toEqual({
      password: "old",
      connectionString: "postgresql://u:old@h2/d",
    });
  });

  it("treats an empty secret field as untouched", () => {
    expect(dropEmptySecrets({ password: "", host: "", nested: { clientSecret: "" } })).toEqual({
      host: "",
      nested: {},
    });
  });
});
