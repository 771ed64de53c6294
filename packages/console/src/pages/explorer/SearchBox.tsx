import { type FormEvent, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { useRouter } from "../../router.tsx";

export function SearchBox({ initial = "" }: { readonly initial?: string }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [query, setQuery] = useState(initial);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim().length > 0) navigate(`/explorer?q=${encodeURIComponent(query.trim())}`);
  };
  return (
    <form className="search" role="search" onSubmit={onSubmit}>
      <label htmlFor="explorer-search" className="visually-hidden">
        {t.explorer.searchLabel}
      </label>
      <input
        id="explorer-search"
        name="q"
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder={t.explorer.searchPlaceholder}
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit">{t.explorer.search}</button>
    </form>
  );
}
