import { isHex, namePattern } from "@kexin/core";
import { invalidParameter } from "./errors.ts";

/**
 * Client-side checks for builder and action parameters. Each returns the value in the form the
 * node expects (addresses lower-cased), or throws SDK_INVALID_PARAMETER naming the parameter.
 */

const addressDigitsPattern = /^[0-9a-fA-F]{40}$/;
const textLengthMax = 128;
const rolesMax = 32;

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return typeof value;
}

export function requireAddress(context: string, parameter: string, value: unknown): string {
  if (typeof value !== "string" || !addressDigitsPattern.test(value)) {
    throw invalidParameter(context, parameter, `must be an account address of 40 hex digits without 0x, got ${show(value)}`);
  }
  return value.toLowerCase();
}

export function requireHash(context: string, parameter: string, value: unknown): string {
  if (!isHex(value, 32)) throw invalidParameter(context, parameter, `must be a 32-byte hash as 64 hex digits, got ${show(value)}`);
  return value.toLowerCase();
}

export function requirePositiveAmount(context: string, parameter: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw invalidParameter(context, parameter, `must be a positive whole number no larger than ${Number.MAX_SAFE_INTEGER}, got ${show(value)}`);
  }
  return value;
}

export function requireCount(context: string, parameter: string, value: unknown, minimum: number, maximum: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < minimum || value > maximum) {
    throw invalidParameter(context, parameter, `must be a whole number between ${minimum} and ${maximum}, got ${show(value)}`);
  }
  return value;
}

export function requireText(context: string, parameter: string, value: unknown, lengthMax = textLengthMax): string {
  if (typeof value !== "string" || value.trim().length === 0) throw invalidParameter(context, parameter, `must be a non-empty string, got ${show(value)}`);
  if (value.length > lengthMax) throw invalidParameter(context, parameter, `must be at most ${lengthMax} characters, got ${value.length}`);
  return value;
}

export function requireName(context: string, parameter: string, value: unknown): string {
  if (typeof value !== "string" || !namePattern.test(value)) {
    throw invalidParameter(context, parameter, `must be a lower-case name (a letter, then letters, digits or _; at most 32), got ${show(value)}`);
  }
  return value;
}

export function requireRoles(context: string, parameter: string, value: unknown): string[] {
  if (!Array.isArray(value)) throw invalidParameter(context, parameter, `must be an array of role names, got ${show(value)}`);
  if (value.length > rolesMax) throw invalidParameter(context, parameter, `must list at most ${rolesMax} roles, got ${value.length}`);
  const roles = value.map((role: unknown, index) => requireName(context, `${parameter}[${index}]`, role));
  const duplicate = roles.find((role, index) => roles.indexOf(role) !== index);
  if (duplicate !== undefined) throw invalidParameter(context, parameter, `lists the role "${duplicate}" twice`);
  return roles;
}

/** A public key of either suite: 32 bytes (Ed25519) or 65 bytes (uncompressed SM2 point). */
export function requirePublicKey(context: string, parameter: string, value: unknown): string {
  if (!isHex(value, 32) && !isHex(value, 65)) {
    throw invalidParameter(context, parameter, `must be a public key as hex (32 bytes for intl, 65 for gm), got ${show(value)}`);
  }
  return value.toLowerCase();
}

export function requireHexBytes(context: string, parameter: string, value: unknown): string {
  if (!isHex(value) || value.length === 0) throw invalidParameter(context, parameter, `must be non-empty hex without 0x, got ${show(value)}`);
  return value.toLowerCase();
}
