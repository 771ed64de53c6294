import { attest } from "./attest.ts";
import { decide } from "./decide.ts";
import { getApplication } from "./getApplication.ts";
import { getApplications } from "./getApplications.ts";
import { getInbox } from "./getInbox.ts";
import { getTemplate } from "./getTemplate.ts";
import { getTemplates } from "./getTemplates.ts";
import { getWorkflowCredential } from "./getWorkflowCredential.ts";

/** The workflows actions that read from a node: createKexinClient binds each to its client. */
export const actions = {
  attest,
  decide,
  getApplication,
  getApplications,
  getInbox,
  getTemplate,
  getTemplates,
  getWorkflowCredential,
} as const;
