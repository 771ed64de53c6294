import type { Context, MethodsDeclaration } from "@kexin/sdk/contract";

/*
 * Sign-off by N of M named organisations before a deadline height: anyone the policy admits opens
 * a request naming the organisations and how many must approve; an admin of each listed
 * organisation approves once for it; the request is approved when the count is reached at or
 * before the deadline, and expires otherwise. Organisation admins reach contracts with the role
 * `admin`.
 */

const organisationsMax = 32;
const organisation = { type: "string", minLength: 1, maxLength: 64 };
const requestId = { type: "integer", minimum: 1 };

export const methods = {
  open: {
    args: {
      type: "object",
      properties: {
        subject: { type: "string", minLength: 1, maxLength: 256 },
        orgs: { type: "array", items: organisation, minItems: 1, maxItems: organisationsMax, uniqueItems: true },
        needed: { type: "integer", minimum: 1, maximum: organisationsMax },
        deadline: { type: "integer", minimum: 1 },
      },
      required: ["subject", "orgs", "needed", "deadline"],
      additionalProperties: false,
    },
  },
  approve: { args: { type: "object", properties: { id: requestId }, required: ["id"], additionalProperties: false } },
  status: { args: { type: "object", properties: { id: requestId }, required: ["id"], additionalProperties: false }, readOnly: true },
} satisfies MethodsDeclaration;

type Request = {
  subject: string;
  orgs: string[];
  needed: number;
  deadline: number;
  /** Organisations that approved, in the order they did. */
  approvals: string[];
  openedBy: string;
  openedAt: number;
  /** The height at which the count was reached; 0 while it has not been. */
  approvedAt: number;
};

export type RequestStatus = Request & { id: number; state: "open" | "approved" | "expired" };

function requestKey(id: number): string {
  return `request/${id}`;
}

function readRequest(ctx: Context, id: number): Request {
  const request = ctx.state.get(requestKey(id)) as Request | undefined;
  if (request === undefined) throw new Error(`no request ${id}`);
  return request;
}

function stateOf(request: Request, height: number): RequestStatus["state"] {
  if (request.approvedAt > 0) return "approved";
  return height > request.deadline ? "expired" : "open";
}

export function open(args: { subject: string; orgs: string[]; needed: number; deadline: number }, ctx: Context): { id: number } {
  if (args.needed > args.orgs.length) throw new Error(`needed (${args.needed}) is more than the ${args.orgs.length} organisations named`);
  if (args.deadline <= ctx.block.height) throw new Error(`the deadline ${args.deadline} is not after the current height ${ctx.block.height}`);
  const id = ((ctx.state.get("lastId") as number | undefined) ?? 0) + 1;
  ctx.state.set("lastId", id);
  const request: Request = { subject: args.subject, orgs: args.orgs, needed: args.needed, deadline: args.deadline, approvals: [], openedBy: ctx.caller.address, openedAt: ctx.block.height, approvedAt: 0 };
  ctx.state.set(requestKey(id), request);
  ctx.emit("opened", { id, subject: args.subject, orgs: args.orgs, needed: args.needed, deadline: args.deadline });
  return { id };
}

export function approve(args: { id: number }, ctx: Context): RequestStatus {
  const request = readRequest(ctx, args.id);
  const { organisation: org, roles } = ctx.caller;
  const state = stateOf(request, ctx.block.height);
  if (state !== "open") throw new Error(`request ${args.id} is ${state}`);
  if (org === undefined || !request.orgs.includes(org)) throw new Error(`request ${args.id} does not name ${org === undefined ? "the caller's organisation" : `organisation "${org}"`}`);
  if (!roles.includes("admin")) throw new Error(`only an admin of "${org}" may approve for it`);
  if (request.approvals.includes(org)) throw new Error(`"${org}" has already approved request ${args.id}`);
  request.approvals.push(org);
  ctx.emit("approval", { id: args.id, org, by: ctx.caller.address });
  if (request.approvals.length >= request.needed) {
    request.approvedAt = ctx.block.height;
    ctx.emit("approved", { id: args.id, subject: request.subject, orgs: request.approvals });
  }
  ctx.state.set(requestKey(args.id), request);
  return { id: args.id, ...request, state: stateOf(request, ctx.block.height) };
}

export function status(args: { id: number }, ctx: Context): RequestStatus {
  const request = readRequest(ctx, args.id);
  return { id: args.id, ...request, state: stateOf(request, ctx.block.height) };
}
