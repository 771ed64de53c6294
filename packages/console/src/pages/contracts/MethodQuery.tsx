import { contracts } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { client, errorCode, errorMessage } from "../../api.ts";
import { Json } from "../../components/Json.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { parseContractArgs } from "./contractArgs.ts";
import { type MethodChoice, MethodArgs, firstChoice, useArgsProblemText } from "./MethodArgs.tsx";

type Asked = { readonly state: "idle" | "asking" } | { readonly state: "answered"; readonly answer: contracts.ContractQueryView } | { readonly state: "failed"; readonly message: string };

/** Asks a read-only method on the node: nothing is signed, nothing is recorded. */
export function MethodQuery({ contract }: { readonly contract: contracts.ContractDetailView }) {
  const { t } = useI18n();
  const problemText = useArgsProblemText();
  const readOnly = Object.keys(contract.methods).filter((method) => contract.methods[method]?.readOnly === true);
  const [choice, setChoice] = useState<MethodChoice | undefined>(() => firstChoice(contract, readOnly));
  const [asked, setAsked] = useState<Asked>({ state: "idle" });
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    const args = parseContractArgs(choice.argsText);
    if (!args.ok) return setAsked({ state: "failed", message: problemText(args.problem) });
    setAsked({ state: "asking" });
    try {
      setAsked({ state: "answered", answer: await contracts.queryContract(client, { contract: contract.name, method: choice.method, args: args.value }) });
    } catch (error) {
      const code = errorCode(error);
      setAsked({ state: "failed", message: code ? `${code}: ${errorMessage(error)}` : errorMessage(error) });
    }
  };
  return (
    <form className="panel" onSubmit={(event) => void onSubmit(event)} data-testid="query-form">
      <h2>{t.contracts.queryTitle}</h2>
      <p className="muted">{t.contracts.queryHint}</p>
      {choice === undefined ? (
        <p className="muted">{t.contracts.noReadOnly}</p>
      ) : (
        <>
          <MethodArgs contract={contract} methods={readOnly} choice={choice} onChange={setChoice} testId="query" />
          <div className="actions form-actions">
            <button type="submit" disabled={asked.state === "asking"} data-testid="query-submit">
              {t.contracts.ask}
            </button>
          </div>
        </>
      )}
      {asked.state === "answered" && (
        <div data-testid="query-answer">
          <dl className="facts">
            <dt>{t.contracts.answer}</dt>
            <dd>
              <Json value={asked.answer.value} testId="query-value" />
            </dd>
            <dt>{t.contracts.gasUsed}</dt>
            <dd>{asked.answer.gasUsed}</dd>
          </dl>
        </div>
      )}
      {asked.state === "failed" && (
        <p className="notice" role="alert" data-testid="query-error">
          {asked.message}
        </p>
      )}
    </form>
  );
}
