/** The code of the error a promise rejects with ("resolved" when it does not reject): for asserting refusals by code. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return "resolved";
}

/** The code of the error an action throws ("returned" when it does not throw): for asserting synchronous refusals by code. */
export function thrownCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return "returned";
}
