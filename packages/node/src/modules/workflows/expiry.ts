import { expirePayloadSchema, workflowError } from "@kexin/core";
import { defineTxType } from "../../execution/interface.ts";
import { requireRegistered } from "../identity/index.ts";
import { missedSteps, requireOpenApplication, writeApplication } from "./applications.ts";
import { removeStepFromInbox } from "./inbox.ts";
import { applicationStatusAt, readySteps } from "./progress.ts";

/*
 * Expiry follows from block time, so an expired application needs no transaction to be expired;
 * but a transaction refused for it writes nothing, so its inbox entries would stay in state for
 * good. `expire` stores the status and clears them; any registered account may send it.
 */
export const expire = defineTxType({
  description: "Closes an application that expired by this block's time: its status is stored and nothing of it awaits anyone any more.",
  schema: expirePayloadSchema,
  costUnits: 10,
  authorise: (context) => {
    requireRegistered(context);
  },
  execute: (context, payload) => {
    const { application, template } = requireOpenApplication(context, payload.application);
    if (applicationStatusAt(template.template, application, context.block.time) !== "expired") {
      throw workflowError("WORKFLOW_APPLICATION_NOT_EXPIRED", `application "${application.id}" has not expired by this block's time`, { application: application.id });
    }
    for (const step of readySteps(template.template, application)) removeStepFromInbox(context.state, application, step);
    writeApplication(context, { ...application, status: "expired" });
    context.emit("expired", { application: application.id, missed: missedSteps(template, application, context.block.time).join(",") });
  },
});
