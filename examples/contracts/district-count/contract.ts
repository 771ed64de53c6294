import type { MethodsDeclaration } from "@kexin/sdk/contract";

/*
 * A grouped count for compute-to-data: how many of the records' subjects live in each district.
 * The owner's node runs it over decrypted records ({ records: [record, …] }, see docs/datashare.md)
 * and posts the counts only when every group reaches the dataset's privacy floor. Each record is
 * one subject, so the count of a group is its number of subjects. Groups are sorted by label, so
 * every node reports the same value.
 */

const recordsMax = 256;
const district = { type: "string", minLength: 1, maxLength: 64 };

export const methods = {
  count: {
    args: {
      type: "object",
      properties: { records: { type: "array", maxItems: recordsMax, items: { type: "object", properties: { district }, required: ["district"] } } },
      required: ["records"],
      additionalProperties: false,
    },
    readOnly: true,
  },
} satisfies MethodsDeclaration;

type Groups = { groups: [string, number][] };

export function count(args: { records: { district: string }[] }): Groups {
  const counts = new Map<string, number>();
  for (const record of args.records) counts.set(record.district, (counts.get(record.district) ?? 0) + 1);
  const labels = [...counts.keys()].sort();
  return { groups: labels.map((label) => [label, counts.get(label) ?? 0]) };
}
