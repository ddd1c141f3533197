/**
 * Where residents answer: /{lg}/answer (no account; the code opens the form).
 * The QR code carries ?code=… so the start page is filled in; the code is
 * still sent by the resident pressing 「回答を始める」 (POST), and the
 * request log records paths without the query.
 */
import { formatCode } from "./domain/answer-code.ts";

export const answerPath = (lgCode: string) => `/${lgCode}/answer`;

export function answerPageUrl(origin: string, lgCode: string, code?: string): string {
  return `${origin}${answerPath(lgCode)}${code ? `?code=${formatCode(code)}` : ""}`;
}
