import { type ExchangeQuoteAnswer, pointsListLimitMax } from "@kexin/core";
import { type Wallet, points } from "@kexin/sdk";
import { type FormEvent, useEffect, useState } from "react";
import { client, useLoad } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { FormFooter, type FormRun, refusalText } from "../datashare/Outcome.tsx";
import { useWholeNumberProblemText } from "../datashare/useProblemText.ts";
import { parseWholeNumber } from "../datashare/wholeNumber.ts";
import { signWithRun } from "./signWithRun.ts";

/** Agreements listed at most: the query's own page limit. */
const agreementsMax = pointsListLimitMax;
/** Typing pauses this long before the node is asked for a quote, so a quote is not asked per keystroke. */
const quoteDelayMs = 250;

type QuoteState = { readonly state: "none" } | { readonly state: "asking" } | { readonly state: "failed"; readonly message: string } | { readonly state: "quoted"; readonly key: string; readonly quote: ExchangeQuoteAnswer };

/** Exchanges a member's points under an agreement in force, showing the node's live quote before anything is signed. */
export function Exchange({ wallet, revision, onCommitted }: { readonly wallet: Wallet | undefined; readonly revision: number; readonly onCommitted: () => void }) {
  const { t } = useI18n();
  const problemText = useWholeNumberProblemText();
  const agreements = useLoad(`points-agreements-${revision}`, async (signal) => (await points.getAgreements(client, { limit: agreementsMax, signal })).agreements.filter((agreement) => agreement.status === "active"));
  const [chosen, setChosen] = useState("");
  const [amountText, setAmountText] = useState("");
  const [quote, setQuote] = useState<QuoteState>({ state: "none" });
  const [run, setRun] = useState<FormRun<"signing">>({ state: "idle" });
  const agreement = chosen !== "" ? chosen : agreements.state === "loaded" ? (agreements.value[0]?.id ?? "") : "";
  const amount = parseWholeNumber(amountText, 1, Number.MAX_SAFE_INTEGER);
  const quoteKey = amount.ok && agreement !== "" ? `${agreement}:${amount.value}:${wallet?.address ?? ""}:${revision}` : "";

  useEffect(() => {
    if (!amount.ok || agreement === "") return setQuote({ state: "none" });
    const controller = new AbortController();
    setQuote({ state: "asking" });
    const timer = window.setTimeout(() => {
      points.getExchangeQuote(client, { agreement, amount: amount.value, ...(wallet ? { address: wallet.address } : {}), signal: controller.signal }).then(
        (answer) => !controller.signal.aborted && setQuote({ state: "quoted", key: quoteKey, quote: answer }),
        (error: unknown) => !controller.signal.aborted && setQuote({ state: "failed", message: refusalText(error) }),
      );
    }, quoteDelayMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // quoteKey names everything the quote depends on.
  }, [quoteKey]);

  const current = quote.state === "quoted" && quote.key === quoteKey ? quote.quote : undefined;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!wallet || !amount.ok || current?.refusal !== null) return;
    await signWithRun(wallet, points.exchange({ agreement, amount: amount.value }), setRun, onCommitted);
  };
  return (
    <form className="panel" onSubmit={(event) => void onSubmit(event)} data-testid="points-exchange">
      <h2>{t.points.exchangeTitle}</h2>
      <LoadStatus loadable={agreements} />
      {agreements.state === "loaded" && agreements.value.length === 0 && <p className="muted">{t.points.noAgreements}</p>}
      {agreements.state === "loaded" && agreements.value.length > 0 && (
        <>
          <div className="form-grid">
            <label>
              {t.points.agreement}
              <select value={agreement} onChange={(event) => setChosen(event.target.value)} data-testid="exchange-agreement">
                {agreements.value.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {t.points.agreementOption(entry.id, entry.from, entry.to, entry.rate.from, entry.rate.to)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t.points.exchangeAmount}
              <input inputMode="numeric" value={amountText} onChange={(event) => setAmountText(event.target.value)} data-testid="exchange-amount" />
            </label>
          </div>
          {amountText.trim() !== "" && !amount.ok && (
            <p className="notice" role="alert" data-testid="exchange-amount-error">
              {problemText(t.points.exchangeAmount, amount.problem)}
            </p>
          )}
          <QuoteView quote={quote} current={current} />
          <FormFooter run={run} label={t.points.exchange} disabled={!wallet || current === undefined || current.refusal !== null} phaseText={t.points.exchanging} needsKey={!wallet} testId="exchange" />
        </>
      )}
    </form>
  );
}

function QuoteView({ quote, current }: { readonly quote: QuoteState; readonly current: ExchangeQuoteAnswer | undefined }) {
  const { t } = useI18n();
  if (quote.state === "asking") return <p className="muted">{t.points.quoting}</p>;
  if (quote.state === "failed") return <p className="notice" role="alert" data-testid="exchange-quote-error">{t.common.error(quote.message)}</p>;
  if (current === undefined) return null;
  return (
    <div data-testid="exchange-quote" data-received={current.received} data-fee={current.fee} data-refusal={current.refusal?.code ?? ""}>
      <h3>{t.points.quoteTitle}</h3>
      <dl className="facts">
        <dt>{t.points.fee}</dt>
        <dd>{current.fee}</dd>
        <dt>{t.points.received}</dt>
        <dd data-testid="exchange-quote-received">{current.received}</dd>
        {current.memberRemainingToday !== null && (
          <>
            <dt>{t.points.memberRemaining}</dt>
            <dd>{current.memberRemainingToday}</dd>
          </>
        )}
        <dt>{t.points.totalRemaining}</dt>
        <dd>{current.totalRemainingToday}</dd>
      </dl>
      {current.refusal !== null && (
        <p className="notice" role="alert" data-testid="exchange-quote-refusal">
          {t.points.quoteRefusal(current.refusal.code, current.refusal.message)}
        </p>
      )}
    </div>
  );
}
