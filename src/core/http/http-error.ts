/**
 * An error a handler throws to end the request with a Japanese error page
 * (404 for unknown addresses, 400 for malformed query parameters, 413 for
 * a body over its route's limit: core/http/body-limit.ts). Anything
 * else that escapes a handler is a bug and becomes a logged 500.
 */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413,
    readonly title: string,
    readonly detail: string,
  ) {
    super(`${status} ${title}`);
  }
}

export const notFound = (detail = "お探しのページは見つかりませんでした。アドレスに誤りがないか、ご確認ください。") =>
  new HttpError(404, "ページが見つかりません", detail);

export const badRequest = (detail: string) => new HttpError(400, "リクエストの内容に誤りがあります", detail);

/** Sizes as people read them: 32KB, 1MB. */
const sizeLabel = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))}MB` : `${Math.floor(bytes / 1024)}KB`);

export const payloadTooLarge = (maxBytes: number) =>
  new HttpError(
    413,
    "送信された内容が大きすぎます",
    `このページから送信できる内容は${sizeLabel(maxBytes)}までです。入力した内容を減らして、もう一度送信してください。`,
  );
