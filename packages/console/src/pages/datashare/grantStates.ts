import type { AccessEntry, GrantRecord } from "@kexin/core";

export type AccessState = "own" | "releasable" | "revoked" | "expired" | "unknown" | "verification" | "compute";

/**
 * Whether the owner's node would still release the keys of an access: the grant it used must
 * stand and not have passed its last block (the node's rule, judged here at `height`). A
 * credential verification reads no record, and a compute's records are read by the owner's node
 * only, so neither has a key to release.
 */
export function accessState(entry: AccessEntry, grants: readonly GrantRecord[], height: number): AccessState {
  if (entry.kind === "credential_verification") return "verification";
  if (entry.kind === "compute") return "compute";
  if (entry.grantee === undefined) return "own";
  const { kind, id } = entry.grantee;
  const grant = grants.find((candidate) => candidate.dataset === entry.dataset && candidate.grantee.kind === kind && candidate.grantee.id === id);
  if (grant === undefined) return "unknown";
  if (grant.revokedFrom !== undefined) return "revoked";
  return height > grant.expiresAt ? "expired" : "releasable";
}

/** A grant's state at `height`, as the lists show it. */
export function grantState(grant: GrantRecord, height: number): "standing" | "revoked" | "expired" | "used" {
  if (grant.revokedFrom !== undefined) return "revoked";
  if (height > grant.expiresAt) return "expired";
  return grant.accesses >= grant.accessesMax ? "used" : "standing";
}

/** One page of a list held whole in the page, in the shape the Pager takes. */
export function localPage<T>(items: readonly T[], start: number, limit: number): { readonly total: number; readonly start: number; readonly next: number | null; readonly items: readonly T[] } {
  const next = start + limit < items.length ? start + limit : null;
  return { total: items.length, start, next, items: items.slice(start, start + limit) };
}
