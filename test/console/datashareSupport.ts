import type { Page } from "playwright-core";

/** The passphrase of the key files the Data sharing tests write. */
export const passphrase = "correct horse battery staple";
// A lighter scrypt cost than new key files get, so that opening it in the page takes a fraction of a second.
export const keyFileCost = { scryptN: 2 ** 12, scryptR: 8, scryptP: 1 };

/** Opens a key file in the page's key panel and waits until the panel shows its address. */
export async function openKey(page: Page, keyFile: string, address: string): Promise<void> {
  await page.getByTestId("key-file").setInputFiles(keyFile);
  await page.getByTestId("key-passphrase").fill(passphrase);
  await page.getByTestId("open-key").click();
  await page.getByTestId("key-address").filter({ hasText: address }).waitFor();
}
