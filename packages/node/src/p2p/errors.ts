import { KexinError } from "@kexin/core";

export type P2pErrorType =
  | { code: "P2P_TIMEOUT"; peer: string; protocol: string; timeoutMs: number }
  | { code: "P2P_NO_PEER"; peer: string }
  | { code: "P2P_MESSAGE_TOO_LARGE"; kind: "gossip" | "request" | "response"; sizeBytes?: number; sizeBytesMax?: number }
  | { code: "P2P_REMOTE_ERROR"; peer: string; protocol: string; remoteMessage: string }
  | { code: "P2P_UNSUPPORTED_PROTOCOL"; peer: string; protocol: string }
  | { code: "P2P_STREAM_FAILED"; peer: string; protocol: string; reason: string }
  | { code: "P2P_INVALID_ARGUMENT"; argument: string; reason: string }
  | { code: "P2P_STOPPED" };
export class P2pError extends KexinError<P2pErrorType> {}
