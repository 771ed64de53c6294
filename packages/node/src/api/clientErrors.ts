import { type Server, STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { errorBody, httpStatusOf } from "./errorStatus.ts";

/*
 * Requests Node's HTTP parser refuses (headers over the size limit, a malformed request line, a
 * request that never arrives whole) never reach a route or the error handler: Node reports them on
 * the server's 'clientError' event with the bare socket, and fastify's default answer there has
 * its own body. These answer in the API's error shape instead.
 */

/** The limits of an http.Server (Node sets maxHeaderSize on it only when the option was given). */
interface ServerLimits {
  readonly maxHeaderSize?: number;
  readonly requestTimeout: number;
}

/** The code and message for a parser error of Node's (`error.code`), naming the limit that applies. */
export function clientErrorAnswer(errorCode: string | undefined, server: ServerLimits, headerBytesMaxDefault: number): { code: string; message: string } {
  if (errorCode === "HPE_HEADER_OVERFLOW") {
    const headerBytesMax = server.maxHeaderSize ?? headerBytesMaxDefault;
    return { code: "API_HEADERS_TOO_LARGE", message: `the request line and headers exceed ${headerBytesMax} bytes, this node's limit (Node's maxHeaderSize); send fewer or shorter headers` };
  }
  if (errorCode === "ERR_HTTP_REQUEST_TIMEOUT") {
    return { code: "API_REQUEST_TIMEOUT", message: `the request did not arrive whole within ${server.requestTimeout} ms, this node's limit` };
  }
  return { code: "API_MALFORMED_HTTP", message: `the request is not well-formed HTTP/1.1 (${errorCode ?? "parse error"}); check the request line and headers` };
}

/** fastify's clientErrorHandler: answers once, in the API's error shape, and closes the connection. */
export function answerClientError(server: () => Server & ServerLimits, headerBytesMaxDefault: number): (error: Error & { code?: string }, socket: Socket) => void {
  return (error, socket) => {
    // A reset connection has nobody left to answer.
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    const { code, message } = clientErrorAnswer(error.code, server(), headerBytesMaxDefault);
    const status = httpStatusOf(code);
    const text = JSON.stringify(errorBody(code, message));
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
    }
    socket.destroy();
  };
}
