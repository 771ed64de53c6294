/**
 * Hands a receipt from the explorer to the Verify page within this tab, so "Verify in this
 * browser" needs no download. Session storage: gone when the tab closes, never sent anywhere.
 */
const storageKey = "kexin.verify.receipt";

export function stashReceiptForVerify(receipt: unknown): void {
  try {
    window.sessionStorage.setItem(storageKey, JSON.stringify(receipt));
  } catch {
    // Storage disabled: the Verify page opens empty and the reader drops the file instead.
  }
}

/** The stashed receipt's JSON text, once; later visits start empty. */
export function takeStashedReceipt(): string | undefined {
  try {
    const text = window.sessionStorage.getItem(storageKey);
    window.sessionStorage.removeItem(storageKey);
    return text ?? undefined;
  } catch {
    return undefined;
  }
}
