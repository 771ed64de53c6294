import { type Command, Option } from "commander";
import type { ApplicationAnswer, StepProgress } from "@kexin/core";
import { createKexinClient, workflows } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatFields, formatTable, formatTime, printResult } from "../../output.ts";
import { type SignerOptions, withSigner } from "../../signedCommand.ts";
import { openWallet } from "../../signing.ts";
import { writeJsonFile } from "../datashare/credentialFiles.ts";
import { type PageOptions, pageFooter, withPage } from "../datashare/paging.ts";
import { type SubjectOptions, subjectOf, withSubjectOptions } from "../datashare/subjectOptions.ts";
import { sendWorkflowCall } from "./send.ts";

function stepLine(step: StepProgress): string[] {
  const attestation = step.attestation;
  const signed = attestation === undefined ? "" : `${attestation.outcome} by ${attestation.attester} at block ${attestation.height} (${formatTime(attestation.time)})${attestation.reason === "" ? "" : `: ${attestation.reason}`}`;
  return [step.id, step.organisation, step.state, signed || `deadline ${formatTime(step.deadline)}`];
}

function progressText(answer: ApplicationAnswer): string {
  const { application } = answer;
  const facts: [string, string][] = [
    ["application", `${application.id} of template ${application.template}`],
    ["status", `${answer.status} (as of block ${answer.asOf.height}, ${formatTime(answer.asOf.time)})`],
    ["applicant", application.applicant === application.filedBy ? application.applicant : `${application.applicant}, filed by ${application.filedBy}`],
    ["subject", application.subject],
    ["missing", answer.missing.join(", ") || "nothing"],
  ];
  if (application.refusal !== undefined) facts.push(["refused", `by "${application.refusal.organisation}" at step ${application.refusal.step}: ${application.refusal.reason}`]);
  if (application.decision !== undefined) facts.push(["decided", `by ${application.decision.decider} ("${application.decision.organisation}") at block ${application.decision.height}; credential hash ${application.decision.hash}`]);
  if (answer.decidable) facts.push(["decidable", "yes: the rule is met, the decision awaits its department"]);
  return `${formatFields(facts)}\n${formatTable(["STEP", "ORGANISATION", "STATE", "SIGNED / DEADLINE"], answer.steps.map(stepLine))}`;
}

type ApplyOptions = SignerOptions & SubjectOptions & { readonly template: string; readonly id: string; readonly applicant?: string };
type AttestOptions = SignerOptions & { readonly step: string; readonly outcome: "eligible" | "not_eligible"; readonly reason: string; readonly evidence?: string; readonly out?: string };

/** `kexin workflow apply|attest|decide|show|list`: applications and their steps. */
export function registerApplicationCommands(command: Command, context: CliContext): void {
  withSigner(
    withSubjectOptions(
      command
        .command("apply")
        .description("start an application of an active template; a clerk filing for an applicant names them with --applicant")
        .requiredOption("--template <id>", "the template")
        .requiredOption("--id <id>", "the application's id, unique on the chain"),
    ).option("--applicant <address>", "the applicant's account, when you file for them"),
  ).action(async (options: ApplyOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const subject = await subjectOf(options, (await createKexinClient({ url: globals.node }).getStatus()).suite);
    const call = workflows.apply({ id: options.id, template: options.template, subject, ...(options.applicant !== undefined ? { applicant: options.applicant.toLowerCase() } : {}) });
    await sendWorkflowCall(context, sub, options, call, `applying ${options.id}`, [["application", options.id], ["template", options.template], ["subject", subject]]);
  });

  withSigner(
    command
      .command("attest")
      .description("attest a step of an application for your organisation: sign the credential here and record it on chain")
      .argument("<application>", "the application")
      .requiredOption("--step <id>", "the step")
      .addOption(new Option("--outcome <outcome>", "the applicant meets the step's requirement or not").choices(["eligible", "not_eligible"]).makeOptionMandatory())
      .requiredOption("--reason <text>", "why, as the applicant will read it")
      .option("--evidence <ids>", "the datashare access (or compute) transactions of the applicant's records read for the step, comma-separated; required when the step reads datasets (other ids only for a step that reads none)")
      .option("--out <file>", "also write the signed credential here"),
  ).action(async (application: string, options: AttestOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const client = createKexinClient({ url: globals.node });
    const wallet = await openWallet(context, globals, options);
    const evidence = options.evidence === undefined ? [] : options.evidence.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
    const { credential, call } = await client.workflows.attest({ wallet, application, step: options.step, outcome: options.outcome, reason: options.reason, evidence });
    const written = options.out === undefined ? [] : ([["written to", await writeJsonFile(options.out, credential)]] as [string, string][]);
    await sendWorkflowCall(context, sub, options, call, `attesting ${application} ${options.step}`, [["application", application], ["step", options.step], ["outcome", options.outcome], ...written], wallet);
  });

  withSigner(
    command
      .command("decide")
      .description("issue the decision credential of an application whose rule is met (your organisation must be the template's decider)")
      .argument("<application>", "the application")
      .option("--out <file>", "also write the signed decision credential here"),
  ).action(async (application: string, options: SignerOptions & { readonly out?: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const client = createKexinClient({ url: globals.node });
    const wallet = await openWallet(context, globals, options);
    const { credential, call } = await client.workflows.decide({ wallet, application });
    const written = options.out === undefined ? [] : ([["written to", await writeJsonFile(options.out, credential)]] as [string, string][]);
    await sendWorkflowCall(context, sub, options, call, `deciding ${application}`, [["application", application], ["decision", "approved"], ...written], wallet);
  });

  withSigner(command.command("expire").description("close an application whose deadline passed, so nothing of it awaits the departments any more").argument("<application>", "the application")).action(
    async (application: string, options: SignerOptions, sub: Command) => {
      await sendWorkflowCall(context, sub, options, workflows.expire({ application }), `expiring ${application}`, [["expired", application]]);
    },
  );

  command
    .command("show")
    .description("an application's progress: who signed what and when, what is missing, why it was refused")
    .argument("<application>", "the application")
    .action(async (id: string, _options: unknown, sub: Command) => {
      const globals = globalOptions(sub);
      const answer = (await workflows.getApplication(createKexinClient({ url: globals.node }), { id })) as ApplicationAnswer;
      printResult(context, globals, answer, () => progressText(answer));
    });

  withPage(command.command("list").description("the applications of an applicant's account or of a subject reference, in the order filed").option("--applicant <address>", "the applicant's account").option("--subject <reference>", "the subject reference")).action(
    async (options: PageOptions & { applicant?: string; subject?: string }, sub: Command) => {
      const globals = globalOptions(sub);
      if ((options.applicant === undefined) === (options.subject === undefined)) throw badInput("list", "give either --applicant <address> or --subject <reference>");
      const selector = options.applicant !== undefined ? { applicant: options.applicant.toLowerCase() } : { subject: (options.subject as string).toLowerCase() };
      const page = await workflows.getApplications(createKexinClient({ url: globals.node }), { ...selector, start: options.start, limit: options.limit });
      printResult(context, globals, page, () => `${formatTable(["ID", "TEMPLATE", "STARTED AT"], page.applications.map((entry) => [entry.id, entry.template, String(entry.startedAt)]))}\n${pageFooter(page, page.applications.length)}`);
    },
  );
}
