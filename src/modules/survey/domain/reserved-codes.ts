/**
 * Survey codes that cannot be used because the address
 * /{lg}/staff/surveys/{code} already means a page of its own: a survey coded
 * `readings` would be shadowed by the readings page (evidence/routes.tsx)
 * and could never be opened. The rest are kept free for pages of the same
 * kind (a list-level action rather than a survey).
 */
export const RESERVED_SURVEY_CODES: ReadonlySet<string> = new Set(["readings", "new", "copy", "import", "export", "edit", "settings", "search"]);

export const isReservedSurveyCode = (code: string) => RESERVED_SURVEY_CODES.has(code);

export const RESERVED_CODE_MESSAGE = `このコードは画面のアドレスに使われているため使えません（使えないコード: ${[...RESERVED_SURVEY_CODES].join("、")}）。別のコードにしてください`;
