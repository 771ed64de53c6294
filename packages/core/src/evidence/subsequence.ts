/**
 * Membership of each element in the longest strictly increasing subsequences of `values`, in
 * O(n log n): `endingLength[i]` is the length of the longest one ending at i, `startingLength[i]`
 * of the longest one starting at i. Element i lies on some longest subsequence exactly when
 * endingLength + startingLength − 1 equals the longest length, and on every one exactly when,
 * in addition, no other such element has the same endingLength.
 */
export interface IncreasingSubsequenceMembership {
  readonly longestLength: number;
  /** 1 where the element lies on every longest strictly increasing subsequence. */
  readonly onEvery: Uint8Array;
  /** 1 where the element lies on at least one longest strictly increasing subsequence. */
  readonly onSome: Uint8Array;
}

export function increasingSubsequenceMembership(values: ArrayLike<number>): IncreasingSubsequenceMembership {
  const count = values.length;
  const endingLength = increasingLengthsEndingAt(values, 1, false);
  const startingLength = increasingLengthsEndingAt(values, -1, true);
  let longestLength = 0;
  for (let index = 0; index < count; index++) longestLength = Math.max(longestLength, endingLength[index] as number);
  const onSome = new Uint8Array(count);
  const elementsAtLength = new Int32Array(longestLength + 1);
  for (let index = 0; index < count; index++) {
    if ((endingLength[index] as number) + (startingLength[index] as number) - 1 === longestLength) {
      onSome[index] = 1;
      const length = endingLength[index] as number;
      elementsAtLength[length] = (elementsAtLength[length] as number) + 1;
    }
  }
  const onEvery = new Uint8Array(count);
  for (let index = 0; index < count; index++) {
    if (onSome[index] === 1 && elementsAtLength[endingLength[index] as number] === 1) onEvery[index] = 1;
  }
  return { longestLength, onEvery, onSome };
}

/**
 * Patience sorting: `tails[k]` is the smallest last value of a strictly increasing subsequence
 * of length k + 1 seen so far. Walking backwards over negated values gives, for each element,
 * the longest strictly increasing subsequence that starts there.
 */
function increasingLengthsEndingAt(values: ArrayLike<number>, sign: 1 | -1, backwards: boolean): Int32Array {
  const count = values.length;
  const lengths = new Int32Array(count);
  const tails = new Float64Array(count);
  let tailCount = 0;
  for (let step = 0; step < count; step++) {
    const index = backwards ? count - 1 - step : step;
    const value = sign * (values[index] as number);
    let low = 0;
    let high = tailCount;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((tails[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    tails[low] = value;
    if (low === tailCount) tailCount++;
    lengths[index] = low + 1;
  }
  return lengths;
}
