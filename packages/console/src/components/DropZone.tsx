import { type DragEvent, type ReactNode, useEffect, useState } from "react";

/**
 * A place to drop files, with a button to choose them for those who cannot drag (phones,
 * keyboards). `inputTestId` marks the file input, which tests fill directly.
 */
export function DropZone({
  title,
  hint,
  chooseLabel,
  accept,
  multiple = false,
  onFiles,
  testId,
  inputTestId,
  children,
}: {
  readonly title: string;
  readonly hint?: string;
  readonly chooseLabel: string;
  readonly accept?: string;
  readonly multiple?: boolean;
  readonly onFiles: (files: File[]) => void;
  readonly testId: string;
  readonly inputTestId: string;
  readonly children?: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  usePreventStrayDrops();
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(multiple ? files : files.slice(0, 1));
  };
  return (
    <div
      className={`drop-zone${dragging ? " dragging" : ""}`}
      data-testid={testId}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p className="drop-title">{title}</p>
      {hint && <p className="muted">{hint}</p>}
      <label className="button">
        {chooseLabel}
        <input
          type="file"
          accept={accept}
          multiple={multiple}
          className="visually-hidden"
          data-testid={inputTestId}
          onChange={(event) => {
            const files = event.target.files ? Array.from(event.target.files) : [];
            if (files.length > 0) onFiles(files);
            event.target.value = "";
          }}
        />
      </label>
      {children}
    </div>
  );
}

/** A file dropped beside a drop zone would otherwise make the browser navigate away to it. */
function usePreventStrayDrops(): void {
  useEffect(() => {
    const prevent = (event: globalThis.DragEvent) => event.preventDefault();
    window.addEventListener("dragover", prevent);
    window.addEventListener("drop", prevent);
    return () => {
      window.removeEventListener("dragover", prevent);
      window.removeEventListener("drop", prevent);
    };
  }, []);
}
