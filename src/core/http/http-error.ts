/**
 * An error a handler throws to end the request with a Japanese error page
 * (404 for unknown addresses, 400 for malformed query parameters). Anything
 * else that escapes a handler is a bug and becomes a logged 500.
 */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly title: string,
    readonly detail: string,
  ) {
    super(`${status} ${title}`);
  }
}

export const notFound = (detail = "お探しのページは見つかりませんでした。アドレスに誤りがないか、ご確認ください。") =>
  new HttpError(404, "ページが見つかりません", detail);

export const badRequest = (detail: string) => new HttpError(400, "リクエストの内容に誤りがあります", detail);
