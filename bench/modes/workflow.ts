import { createKexinClient, walletFromPrivateKey } from "@kexin/sdk";
import { loadOrganisationAdmin } from "../lib/kexin/accounts.ts";
import { BlockFeed } from "../lib/kexin/blocks.ts";
import { CommitWatch } from "../lib/kexin/commitWatch.ts";
import { devOrganisations, startDevNode } from "../lib/kexin/node.ts";
import { completeApplications } from "../lib/kexin/workflowApplications.ts";
import { completeComputes, prepareCompute } from "../lib/kexin/workflowCompute.ts";
import { type WorkflowDepartments, addWorkflowDepartments, approveTemplate, housingTemplate } from "../lib/kexin/workflowDepartments.ts";
import type { BenchMode } from "../lib/mode.ts";
import { log, round } from "../lib/output.ts";
import { peakRssMb } from "../lib/rss.ts";

const setupTimeoutMs = 120_000;
const websocketOpenTimeoutMs = 10_000;
const requestTimeoutMs = 60_000;

export const mode: BenchMode = {
  summary: "one development node (solo consensus): the seven-department housing template approved, then scripted departments complete applications (seven audited reads of the applicant's records, seven attestations citing them, and the decision each), many in flight; then the housing registry's clerks request compute-to-data over the tax department's records, as many as applications",
  options: ["applications", "inFlight", "commitTimeoutS", "verbose"],
  async run(context) {
    const { options, cleanup } = context;
    const template = housingTemplate(context.root);
    let departments: WorkflowDepartments | undefined;
    log("workflow: starting a development node");
    const node = await startDevNode(cleanup, {
      root: context.root,
      suite: options.suite,
      verbose: options.verbose,
      prepareHome: async (home) => {
        departments = await addWorkflowDepartments(home, template, options.inFlight);
      },
    });
    const abortIf = () => node.process.assertRunning();
    try {
      if (departments === undefined) throw new Error("the development home was not prepared");
      const status = await node.api.status();
      const client = createKexinClient({ url: node.api.url, requestTimeoutMs });
      const feed = await BlockFeed.open(cleanup, node.api, websocketOpenTimeoutMs);
      const devAdmins = await Promise.all(devOrganisations.map(async (organisation) => (await loadOrganisationAdmin(node.home, organisation, status.suite)).admin));
      const devWallets = devAdmins.map((admin) => walletFromPrivateKey(status.suite as "intl" | "gm", admin.privateKey));
      await approveTemplate(client, template, departments.admins, devWallets, setupTimeoutMs);
      log("workflow: template approved", { template: template.id, lanes: departments.lanes.length });
      const watch = new CommitWatch(feed, options.commitTimeoutS * 1000);
      try {
        const suite = status.suite as "intl" | "gm";
        const figures = await completeApplications(client, watch, template, departments, { applications: options.applications, suite, runId: String(status.height), setupTimeoutMs }, abortIf);
        // Compute-to-data after the applications, so neither phase's figures carry the other's load.
        const requesterOrganisation = template.decider.organisation;
        await prepareCompute(client, node.api.url, suite, departments.admins, requesterOrganisation, devWallets, setupTimeoutMs);
        log("workflow: model approved and records published");
        const computes = await completeComputes(
          client,
          watch,
          departments.lanes.map((lane) => lane.clerk),
          { computes: options.applications, suite, chainId: status.chainId, timeoutMs: options.commitTimeoutS * 1000 },
          abortIf,
        );
        const rssMb = peakRssMb(node.process.pid);
        return {
          mode: "workflow",
          applications: figures.applications,
          in_flight: Math.min(options.inFlight, options.applications),
          applications_per_s: round(figures.applicationsPerS, 2),
          p50_ms: round(figures.p50Ms, 1),
          p99_ms: round(figures.p99Ms, 1),
          computes: computes.computes,
          compute_per_s: round(computes.computePerS, 2),
          compute_p50_ms: round(computes.p50Ms, 1),
          compute_p99_ms: round(computes.p99Ms, 1),
          rss_mb: rssMb === undefined ? null : round(rssMb, 1),
        };
      } finally {
        watch.close();
        await feed.close();
      }
    } catch (error) {
      await node.process.assertRunningAfter(1_000);
      throw error;
    } finally {
      await node.process.stop();
    }
  },
};
