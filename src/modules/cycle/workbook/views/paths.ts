/** Addresses of the division workbook's pages (handlers redirect to the same ones the views link to). */
import type { Municipality } from "../../../tenancy/municipality.ts";
import { cycleBase } from "../../views/paths.ts";

type Where = Pick<Municipality, "lgCode">;

export const workbookPath = (m: Where, cycleId: number) => `${cycleBase(m, cycleId)}/workbook`;
export const uploadPath = (m: Where, cycleId: number, uploadId: number) => `${workbookPath(m, cycleId)}/uploads/${uploadId}`;
