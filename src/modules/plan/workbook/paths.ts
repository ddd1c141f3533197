/** Addresses of the plan workbook's pages (under a draft, like the other authoring pages). */
import { draftBase } from "../authoring/paths.ts";
import type { Municipality } from "../../tenancy/municipality.ts";

type Where = Pick<Municipality, "lgCode">;

export const planWorkbookPath = (m: Where, draftId: number) => `${draftBase(m, draftId)}/workbook`;
export const planWorkbookFilePath = (m: Where, draftId: number) => `${draftBase(m, draftId)}/workbook.xlsx`;
