import type { Command } from "commander";
import { type TemplateRecord, type WorkflowTemplate, wireProblem, workflowTemplateSchema } from "@kexin/core";
import { createKexinClient, workflows } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { readJson } from "../../files.ts";
import { formatFields, formatTable, printResult } from "../../output.ts";
import { type SignerOptions, withSigner } from "../../signedCommand.ts";
import { type PageOptions, pageFooter, withPage } from "../datashare/paging.ts";
import { sendWorkflowCall } from "./send.ts";

/** A template file is far below this: at most 16 steps with two titles each. */
const templateFileBytesMax = 256 * 1024;

async function readTemplateFile(path: string): Promise<WorkflowTemplate> {
  const value = await readJson(path, templateFileBytesMax, "template");
  const problem = wireProblem(workflowTemplateSchema, value);
  if (problem !== undefined) throw badInput("template", `${path} is not a workflow template: ${problem}`);
  return value as WorkflowTemplate;
}

function templateRows(record: TemplateRecord): [string, string][] {
  const { template } = record;
  const rule = template.rule.kind === "all" ? "every step eligible" : `at least ${template.rule.eligibleMin} of ${template.steps.length} steps eligible`;
  return [
    ["template", `${template.id}: ${template.title.zh} / ${template.title.en}`],
    ["status", record.status === "active" ? `active since block ${record.activatedAt ?? 0}` : `proposed, ${record.approvals.length} of ${record.needed} approvals`],
    ["approvals", record.approvals.join(", ")],
    ["hash", record.hash],
    ["rule", `${rule}; decided by "${template.decider.organisation}" (${template.decider.role})`],
    ...template.steps.map((step): [string, string] => [
      `step ${step.id}`,
      `${step.title.zh} / ${step.title.en} — "${step.organisation}" (${step.role}), within ${Math.round(step.deadlineMs / 3_600_000)} h${step.after.length > 0 ? `, after ${step.after.join(", ")}` : ""}${step.reads.length > 0 ? `, reads ${step.reads.join(", ")}` : ""}`,
    ]),
  ];
}

/** `kexin workflow template propose|approve|list|show`: templates and their approval. */
export function registerTemplateCommands(command: Command, context: CliContext): void {
  const template = command.command("template").description("workflow templates: proposed by an organisation's admin, active once more than two thirds of the organisations approve");
  withSigner(template.command("propose").description("propose a template (needs an admin key); your organisation approves it at once").argument("<template.json>", "the template, e.g. examples/workflows/housing-eligibility.json")).action(
    async (file: string, options: SignerOptions, sub: Command) => {
      const value = await readTemplateFile(file);
      await sendWorkflowCall(context, sub, options, workflows.proposeTemplate({ template: value }), `proposing template ${value.id}`, [["proposed", value.id]]);
    },
  );
  withSigner(template.command("approve").description("approve a proposed template on behalf of your organisation (needs an admin key)").argument("<id>", "the template")).action(async (id: string, options: SignerOptions, sub: Command) => {
    await sendWorkflowCall(context, sub, options, workflows.approveTemplate({ id }), `approving template ${id}`, [["approved", id]]);
  });
  withPage(template.command("list").description("the templates, in the order proposed")).action(async (options: PageOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const page = await workflows.getTemplates(createKexinClient({ url: globals.node }), { start: options.start, limit: options.limit });
    printResult(context, globals, page, () => {
      const rows = page.templates.map((record) => [record.template.id, record.status, `${record.approvals.length}/${record.needed}`, String(record.template.steps.length), `${record.template.title.zh} / ${record.template.title.en}`]);
      return `${formatTable(["ID", "STATUS", "APPROVALS", "STEPS", "TITLE"], rows)}\n${pageFooter(page, rows.length)}`;
    });
  });
  template
    .command("show")
    .description("a template's steps, rule, decider, hash and approvals")
    .argument("<id>", "the template")
    .action(async (id: string, _options: unknown, sub: Command) => {
      const globals = globalOptions(sub);
      const record = await workflows.getTemplate(createKexinClient({ url: globals.node }), { id });
      printResult(context, globals, record, () => formatFields(templateRows(record)));
    });
}
