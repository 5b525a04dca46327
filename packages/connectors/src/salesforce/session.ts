import { Connection } from "jsforce";
import type { HttpRequestOptions } from "jsforce/lib/types/common";
import { authenticate, type SalesforceToken } from "./auth";
import type { SalesforceConnectionConfig } from "./config";
import { isInvalidSession, toConnectorError } from "./errors";

const CLIENT_RETRY: HttpRequestOptions = { retry: { maxRetries: 2, minTimeout: 250 } };

/**
 * One logged-in jsforce Connection, created on first use.
 *
 * Session expiry is handled here rather than by jsforce's refresh delegate: that delegate retries
 * a request after every refresh without limit, so a token the org keeps rejecting would loop.
 * `call` re-authenticates at most once per call and retries it; a second INVALID_SESSION_ID is
 * reported. A 401 means Salesforce did not process the request, so the retry is always safe; to
 * keep it so, a `call` must make exactly one request (multi-step work makes one `call` per step).
 */
export class SalesforceSession {
  private current: Promise<Connection> | null = null;
  /** Counts logins, for tests and diagnostics. */
  logins = 0;

  constructor(
    private readonly config: SalesforceConnectionConfig,
    private readonly login: (
      config: SalesforceConnectionConfig,
    ) => Promise<SalesforceToken> = authenticate,
  ) {}

  /** The connection, logging in if nothing is logged in yet. Concurrent callers share a login. */
  connection(): Promise<Connection> {
    if (this.current === null) {
      const pending = this.open();
      this.current = pending;
      // A failed login is not cached: the next call tries again.
      pending.catch(() => {
        if (this.current === pending) this.current = null;
      });
    }
    return this.current;
  }

  private async open(): Promise<Connection> {
    this.logins += 1;
    const token = await this.login(this.config);
    return new Connection({
      instanceUrl: token.instanceUrl,
      accessToken: token.accessToken,
      version: this.config.apiVersion,
    });
  }

  /** Drops `stale` and logs in again, unless another caller already replaced it. */
  private renew(stale: Connection): Promise<Connection> {
    return this.current !== null
      ? this.current.then((conn) => {
          if (conn !== stale) return conn;
          this.current = null;
          return this.connection();
        })
      : this.connection();
  }

  /** Runs one request; on INVALID_SESSION_ID logs in again once and repeats it. */
  async call<T>(context: string, request: (conn: Connection) => Promise<T>): Promise<T> {
    try {
      const conn = await this.connection();
      try {
        return await request(conn);
      } catch (error) {
        if (!isInvalidSession(error)) throw error;
        const fresh = await this.renew(conn);
        return await request(fresh);
      }
    } catch (error) {
      throw toConnectorError(error, context);
    }
  }

  /**
   * Raw REST request relative to /services/data/vXX.X (or absolute /services/... paths).
   * jsforce retries idempotent requests on 5xx and socket errors for ~15 s by default; here it
   * only absorbs a blip, because Temporal owns the backoff for transient failures.
   */
  request(
    context: string,
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    body?: unknown,
  ): Promise<unknown> {
    const request =
      body === undefined
        ? { method, url }
        : {
            method,
            url,
            body: JSON.stringify(body),
            headers: { "content-type": "application/json" },
          };
    return this.call(context, (conn) => conn.request<unknown>(request, CLIENT_RETRY));
  }

  async close(): Promise<void> {
    // Access tokens expire on their own; revoking would also end other sessions of this user.
    this.current = null;
  }
}
