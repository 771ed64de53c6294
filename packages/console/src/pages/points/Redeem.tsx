import { pointsListLimitMax, pointsRedemptionQuantityMax } from "@kexin/core";
import { type Wallet, points } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { client, useLoad } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { FormFooter, type FormRun } from "../datashare/Outcome.tsx";
import { useWholeNumberProblemText } from "../datashare/useProblemText.ts";
import { parseWholeNumber } from "../datashare/wholeNumber.ts";
import { signWithRun } from "./signWithRun.ts";

/** Redeems a reward of a merchant's catalogue, paid with the member's oldest points of the price's program. */
export function Redeem({ wallet, revision, onCommitted }: { readonly wallet: Wallet | undefined; readonly revision: number; readonly onCommitted: () => void }) {
  const { t, language } = useI18n();
  const problemText = useWholeNumberProblemText();
  const rewards = useLoad(`points-rewards-${revision}`, async (signal) => (await points.getRewards(client, { limit: pointsListLimitMax, signal })).rewards);
  const [chosen, setChosen] = useState("");
  const [quantityText, setQuantityText] = useState("1");
  const [run, setRun] = useState<FormRun<"signing">>({ state: "idle" });
  const reward = chosen !== "" ? chosen : rewards.state === "loaded" ? (rewards.value[0]?.id ?? "") : "";
  const quantity = parseWholeNumber(quantityText, 1, pointsRedemptionQuantityMax);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!wallet || !quantity.ok || reward === "") return;
    await signWithRun(wallet, points.redeem({ reward, quantity: quantity.value }), setRun, onCommitted);
  };
  return (
    <form className="panel" onSubmit={(event) => void onSubmit(event)} data-testid="points-redeem">
      <h2>{t.points.redeemTitle}</h2>
      <LoadStatus loadable={rewards} />
      {rewards.state === "loaded" && rewards.value.length === 0 && <p className="muted">{t.points.noRewards}</p>}
      {rewards.state === "loaded" && rewards.value.length > 0 && (
        <>
          <div className="form-grid">
            <label>
              {t.points.reward}
              <select value={reward} onChange={(event) => setChosen(event.target.value)} data-testid="redeem-reward">
                {rewards.value.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {t.points.rewardOption(language === "zh-CN" ? entry.title.zh : entry.title.en, entry.price.points, entry.price.program, entry.stock)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t.points.quantity}
              <input inputMode="numeric" value={quantityText} onChange={(event) => setQuantityText(event.target.value)} data-testid="redeem-quantity" />
            </label>
          </div>
          {!quantity.ok && (
            <p className="notice" role="alert" data-testid="redeem-quantity-error">
              {problemText(t.points.quantity, quantity.problem)}
            </p>
          )}
          <FormFooter run={run} label={t.points.redeem} disabled={!wallet || !quantity.ok} phaseText={t.points.redeeming} needsKey={!wallet} testId="redeem" />
        </>
      )}
    </form>
  );
}
