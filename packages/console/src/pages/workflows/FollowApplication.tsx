import { type FormEvent, useState } from "react";
import type { StatusState } from "../../api.ts";
import { useI18n } from "../../i18n/index.tsx";
import { useRouter } from "../../router.tsx";
import { Progress } from "./Progress.tsx";

/** Looks an application up by its id and shows its progress. */
export function FollowApplication({ id, statusState }: { readonly id: string | undefined; readonly statusState: StatusState }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [typed, setTyped] = useState(id ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim()) navigate(`/workflows/applications/${encodeURIComponent(typed.trim())}`);
  };
  return (
    <>
      <h2>{t.workflows.followTitle}</h2>
      <form className="actions" onSubmit={submit}>
        <input value={typed} onChange={(event) => setTyped(event.target.value)} aria-label={t.workflows.applicationId} placeholder={t.workflows.applicationId} data-testid="follow-id" />
        <button type="submit" data-testid="follow-show">
          {t.workflows.show}
        </button>
      </form>
      {id !== undefined && <Progress key={id} id={id} statusState={statusState} />}
    </>
  );
}
