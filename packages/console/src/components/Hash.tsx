import { Link } from "../router.tsx";

/** A long hex value: whole where there is room, cut with an ellipsis (CSS) where there is not; copying takes it whole. */
export function Hash({ value, to }: { readonly value: string; readonly to?: string }) {
  return to ? (
    <Link to={to} className="hash">
      {value}
    </Link>
  ) : (
    <span className="hash" title={value}>
      {value}
    </span>
  );
}
