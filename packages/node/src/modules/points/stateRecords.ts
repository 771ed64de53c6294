import type { AgreementRecord, CborValue, ProgramRecord } from "@kexin/core";

/*
 * Programs and agreements as state keeps them: arrays of their fields in a fixed order. Every
 * exchange reads its agreement and its target program, and an array decodes and encodes in a
 * fraction of the time of a map, whose every key is a string to read and, when writing, to sort.
 */

type StateProgram = readonly [id: string, nameZh: string, nameEn: string, faceValueFen: number, expiryDays: number | null, transferable: boolean, merchant: string, registeredBy: string, registeredAt: number];

export function programToState(program: ProgramRecord): CborValue {
  const { id, name, faceValueFen, expiry, transferable, merchant, registeredBy, registeredAt } = program;
  const stored: StateProgram = [id, name.zh, name.en, faceValueFen, expiry.kind === "days" ? expiry.days : null, transferable, merchant, registeredBy, registeredAt];
  return [...stored];
}

export function programFromState(value: CborValue): ProgramRecord {
  const [id, zh, en, faceValueFen, expiryDays, transferable, merchant, registeredBy, registeredAt] = value as unknown as StateProgram;
  return { id, name: { zh, en }, faceValueFen, expiry: expiryDays === null ? { kind: "none" } : { kind: "days", days: expiryDays }, transferable, merchant, registeredBy, registeredAt };
}

type StateAgreement = readonly [
  id: string,
  from: string,
  to: string,
  rateFrom: number,
  rateTo: number,
  rounding: AgreementRecord["rounding"],
  feeFixed: number,
  feeBasisPoints: number,
  settlementFenPerPoint: number,
  memberDailyCap: number,
  totalDailyCap: number,
  validFrom: number,
  validUntil: number,
  status: AgreementRecord["status"],
  proposedBy: string,
  proposer: string,
  proposedAt: number,
  acceptor: string | null,
  acceptedAt: number | null,
  endedBy: string | null,
  endedAt: number | null,
];

export function agreementToState(agreement: AgreementRecord): CborValue {
  const a = agreement;
  const stored: StateAgreement = [
    a.id,
    a.from,
    a.to,
    a.rate.from,
    a.rate.to,
    a.rounding,
    a.fee.fixed,
    a.fee.basisPoints,
    a.settlementFenPerPoint,
    a.memberDailyCap,
    a.totalDailyCap,
    a.validFrom,
    a.validUntil,
    a.status,
    a.proposedBy,
    a.proposer,
    a.proposedAt,
    a.acceptor ?? null,
    a.acceptedAt ?? null,
    a.endedBy ?? null,
    a.endedAt ?? null,
  ];
  return [...stored];
}

export function agreementFromState(value: CborValue): AgreementRecord {
  const [id, from, to, rateFrom, rateTo, rounding, fixed, basisPoints, settlementFenPerPoint, memberDailyCap, totalDailyCap, validFrom, validUntil, status, proposedBy, proposer, proposedAt, acceptor, acceptedAt, endedBy, endedAt] =
    value as unknown as StateAgreement;
  return {
    id,
    from,
    to,
    rate: { from: rateFrom, to: rateTo },
    rounding,
    fee: { fixed, basisPoints },
    settlementFenPerPoint,
    memberDailyCap,
    totalDailyCap,
    validFrom,
    validUntil,
    status,
    proposedBy,
    proposer,
    proposedAt,
    ...(acceptor === null ? {} : { acceptor }),
    ...(acceptedAt === null ? {} : { acceptedAt }),
    ...(endedBy === null ? {} : { endedBy }),
    ...(endedAt === null ? {} : { endedAt }),
  };
}
