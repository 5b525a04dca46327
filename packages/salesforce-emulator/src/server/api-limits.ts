import { ApiError } from "./api-error";

// The org's rolling daily API allowance, simplified to a UTC calendar day. Every metered call
// counts, including ones that fail validation (as Salesforce counts them).

export class ApiLimits {
  private used = 0;
  private day = "";

  constructor(
    readonly dailyLimit: number,
    private readonly clock: () => number,
  ) {}

  /** Counts one request, or throws REQUEST_LIMIT_EXCEEDED when the allowance is spent. */
  consume(): void {
    this.rollover();
    if (this.used >= this.dailyLimit) {
      throw new ApiError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    }
    this.used += 1;
  }

  usage(): { used: number; remaining: number; max: number } {
    this.rollover();
    return {
      used: this.used,
      remaining: Math.max(0, this.dailyLimit - this.used),
      max: this.dailyLimit,
    };
  }

  headerValue(): string {
    const { used, max } = this.usage();
    return `api-usage=${used}/${max}`;
  }

  private rollover(): void {
    const today = new Date(this.clock()).toISOString().slice(0, 10);
    if (today !== this.day) {
      this.day = today;
      this.used = 0;
    }
  }
}
