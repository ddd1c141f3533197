/**
 * One raw GET over node:http: the body as it crossed the wire (still
 * compressed), its headers, and the decoded body.
 */
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

export type RawResponse = {
  status: number;
  headers: Record<string, string>;
  /** Bytes of the header block as sent (status line included). */
  headerBytes: number;
  /** Body bytes as transferred (compressed if the server compressed). */
  wire: Buffer;
  /** Body after undoing Content-Encoding. */
  body: Buffer;
};

/** What a current browser sends. */
export const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br";

export function get(url: string, acceptEncoding = BROWSER_ACCEPT_ENCODING, timeoutMs = 30_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { "Accept-Encoding": acceptEncoding }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const wire = Buffer.concat(chunks);
        const headers: Record<string, string> = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers[res.rawHeaders[i]!.toLowerCase()] = res.rawHeaders[i + 1]!;
        const headerBytes =
          `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length +
          Array.from({ length: res.rawHeaders.length / 2 }, (_, i) => Buffer.byteLength(`${res.rawHeaders[2 * i]}: ${res.rawHeaders[2 * i + 1]}\r\n`)).reduce(
            (a, b) => a + b,
            0,
          ) +
          2;
        try {
          resolve({ status: res.statusCode ?? 0, headers, headerBytes, wire, body: decode(wire, headers["content-encoding"]) });
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url}: no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

function decode(wire: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? "identity").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return gunzipSync(wire);
    case "br":
      return brotliDecompressSync(wire);
    case "deflate":
      return inflateSync(wire);
    case "identity":
    case "":
      return wire;
    default:
      throw new Error(`unknown Content-Encoding ${encoding}`);
  }
}
