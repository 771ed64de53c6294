import type { contracts } from "@kexin/sdk";
import { useI18n } from "../../i18n/index.tsx";
import { type ArgsProblem, argsTemplate } from "./contractArgs.ts";

export interface MethodChoice {
  readonly method: string;
  readonly argsText: string;
}

/** The first of `methods` with its arguments' template, or undefined when there is none. */
export function firstChoice(contract: contracts.ContractDetailView, methods: readonly string[]): MethodChoice | undefined {
  const method = methods[0];
  return method === undefined ? undefined : { method, argsText: argsTemplate(contract.methods[method]?.args) };
}

/** Choosing a method fills the arguments with a template from its schema; the arguments are typed as JSON. */
export function MethodArgs({
  contract,
  methods,
  choice,
  onChange,
  testId,
}: {
  readonly contract: contracts.ContractDetailView;
  readonly methods: readonly string[];
  readonly choice: MethodChoice;
  readonly onChange: (choice: MethodChoice) => void;
  readonly testId: string;
}) {
  const { t } = useI18n();
  return (
    <div className="form-grid">
      <label>
        {t.contracts.method}
        <select value={choice.method} onChange={(event) => onChange({ method: event.target.value, argsText: argsTemplate(contract.methods[event.target.value]?.args) })} data-testid={`${testId}-method`}>
          {methods.map((method) => (
            <option key={method} value={method}>
              {method}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.contracts.argsLabel}
        <textarea value={choice.argsText} onChange={(event) => onChange({ ...choice, argsText: event.target.value })} spellCheck={false} rows={4} data-testid={`${testId}-args`} />
      </label>
    </div>
  );
}

/** The reader's words for why the arguments cannot be sent. */
export function useArgsProblemText(): (problem: ArgsProblem) => string {
  const { t } = useI18n();
  return (problem) => {
    if (problem.kind === "json") return t.contracts.argsJson(problem.detail);
    if (problem.kind === "float") return t.contracts.argsFloat(problem.number);
    if (problem.kind === "notObject") return t.contracts.argsNotObject;
    return t.contracts.argsValue(problem.detail);
  };
}
