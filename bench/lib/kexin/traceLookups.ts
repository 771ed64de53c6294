import { BenchFailure } from "../errors.ts";
import { HttpError, isRecord, requestJson } from "../http.ts";
import { SeededRandom } from "../random.ts";
import { type LatencySummary, summariseLatencies } from "../stats.ts";
import type { KexinApi } from "./api.ts";
import { lifecycleBizSteps, stepsPerUnit, unitUdi } from "./traceWorkload.ts";

/**
 * History lookups of random units, one at a time, through GET /v1/query/trace/history?udi= with
 * the human-readable UDI a scanner reads. Each answer must hold the unit's ten steps in order,
 * which also proves that the sampled units' events were all recorded.
 */
export async function measureHistoryLookups(api: KexinApi, units: number, count: number, seed: string, timeoutMs: number): Promise<LatencySummary> {
  const random = new SeededRandom(seed, "trace-lookups");
  const latencies = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const unit = Buffer.from(random.bytes(4)).readUInt32BE(0) % units;
    const udi = unitUdi(unit);
    const url = `${api.url}/v1/query/trace/history?${new URLSearchParams({ udi }).toString()}`;
    const startedMs = performance.now();
    const answer = await requestJson(url, { timeoutMs });
    latencies[index] = performance.now() - startedMs;
    const steps = isRecord(answer) && Array.isArray(answer.steps) ? answer.steps : [];
    const bizSteps = steps.map((step) => (isRecord(step) ? step.bizStep : undefined));
    if (!isRecord(answer) || answer.known !== true || bizSteps.length !== stepsPerUnit || bizSteps.some((bizStep, position) => bizStep !== lifecycleBizSteps[position])) {
      throw new BenchFailure(`the history of ${udi} is not its ten lifecycle steps: ${JSON.stringify(answer).slice(0, 400)}`);
    }
  }
  return summariseLatencies(latencies);
}

/** The trace module numbers events from 0: exactly `events` were recorded when event events−1 exists and event `events` does not. */
export async function assertEventCount(api: KexinApi, events: number): Promise<void> {
  await api.query("trace", "event", { seq: String(events - 1) });
  try {
    await api.query("trace", "event", { seq: String(events) });
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return;
    throw error;
  }
  throw new BenchFailure(`the chain holds more than the ${events} trace events the bench sent`);
}
