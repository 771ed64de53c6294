/** The code of the error a promise rejects with ("resolved" when it does not reject): for asserting refusals by code. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return "resolved";
}
