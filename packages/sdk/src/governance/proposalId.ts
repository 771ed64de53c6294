import { invalidParameter } from "../errors.ts";

const proposalIdPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A governance proposal id as the node accepts it: lower-case letters, digits, _ and -, at most 64. */
export function requireProposalId(context: string, value: unknown): string {
  if (typeof value !== "string" || !proposalIdPattern.test(value)) {
    throw invalidParameter(context, "id", `must be a proposal id (a lower-case letter or digit, then letters, digits, _ or -; at most 64), got ${JSON.stringify(value)}`);
  }
  return value;
}
