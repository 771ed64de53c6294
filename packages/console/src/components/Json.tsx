/** Pretty-printed JSON, scrollable sideways on narrow screens instead of widening the page. */
export function Json({ value, testId }: { readonly value: unknown; readonly testId?: string }) {
  return (
    <pre className="json" data-testid={testId}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
