import type { Municipality } from "../../../tenancy/municipality.ts";

export const surveysPath = (m: Pick<Municipality, "lgCode">) => `/${m.lgCode}/staff/surveys`;
export const surveyPath = (m: Pick<Municipality, "lgCode">, code: string) => `${surveysPath(m)}/${code}`;

export const STATE_LABELS = { draft: "準備中（調査票の作成）", fieldwork: "実査中（回答受付中）", closed: "実査終了", published: "公表済み" } as const;

const dateTime = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "long", timeStyle: "short" });
export const dateTimeLabel = (d: Date) => dateTime.format(d);
