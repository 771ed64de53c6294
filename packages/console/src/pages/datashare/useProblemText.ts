import { useI18n } from "../../i18n/index.tsx";
import type { WholeNumberProblem } from "./wholeNumber.ts";

/** The reader's words for why a number typed in a field cannot be signed. */
export function useWholeNumberProblemText(): (field: string, problem: WholeNumberProblem) => string {
  const { t } = useI18n();
  return (field, problem) => (problem.kind === "float" ? t.datashare.notWhole(field, problem.text) : t.datashare.outOfRange(field, problem.min, problem.max));
}
