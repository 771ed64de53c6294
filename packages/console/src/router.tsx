import { type MouseEvent, type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";

/**
 * A history-API router small enough to read in one go: the console has a handful of pages, and
 * the node answers every non-API path with index.html so deep links work.
 */
interface Location {
  readonly path: string;
  readonly search: string;
}

interface Router extends Location {
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<Router | undefined>(undefined);

function currentLocation(): Location {
  return { path: window.location.pathname, search: window.location.search };
}

export function RouterProvider({ children }: { readonly children: ReactNode }) {
  const [location, setLocation] = useState<Location>(currentLocation);
  useEffect(() => {
    const onPopState = () => setLocation(currentLocation());
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);
  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    if (options.replace) window.history.replaceState(null, "", to);
    else window.history.pushState(null, "", to);
    setLocation(currentLocation());
    window.scrollTo(0, 0);
  }, []);
  const value = useMemo(() => ({ ...location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const context = useContext(RouterContext);
  if (!context) throw new Error("useRouter needs a RouterProvider above it");
  return context;
}

/** A real link (open in new tab works) that navigates in place on a plain click. */
export function Link({ to, children, className, ...rest }: { readonly to: string; readonly children: ReactNode; readonly className?: string; readonly "aria-current"?: "page" }) {
  const { navigate } = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} className={className} {...rest}>
      {children}
    </a>
  );
}
