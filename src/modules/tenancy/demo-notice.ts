/**
 * What every page of a municipality holding sample data says at its top
 * (the page frames pass it to the layout when Municipality.hasDemoData).
 */
import type { Municipality } from "./municipality.ts";

export const DEMO_NOTICE = "これはデモ用のサンプルデータです。実際の徳島市の実績ではありません。";

export const demoNoticeOf = (m: Pick<Municipality, "hasDemoData">): string | undefined => (m.hasDemoData ? DEMO_NOTICE : undefined);
