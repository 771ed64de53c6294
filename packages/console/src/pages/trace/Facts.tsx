import type { ReactNode } from "react";
import type { Names } from "./lookup.ts";

/** A registered place by its name and region; an unregistered one by its GS1 location code. */
export function PlaceName({ id, names }: { readonly id: string; readonly names: Names }) {
  const place = names.places.get(id);
  if (!place) return <span className="hash">{id}</span>;
  return (
    <span title={id}>
      {place.name} <span className="muted">({place.region})</span>
    </span>
  );
}

/** One line of the facts list, left out when the record has no value for it. */
export function Fact({ label, value, className }: { readonly label: string; readonly value: ReactNode; readonly className?: string }) {
  if (value === null || value === undefined) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd className={className}>{value}</dd>
    </>
  );
}
