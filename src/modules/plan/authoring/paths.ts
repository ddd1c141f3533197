/** Addresses of the authoring pages, /:lgCode/staff/plan/…, in one place. */
import { staffBase } from "../../accounts/staff-area.ts";
import type { Municipality } from "../../tenancy/municipality.ts";

export const PLAN_PATH = "/:lgCode{[0-9]{6}}/staff/plan";
export const DRAFT_PATH = `${PLAN_PATH}/drafts/:draftId{[0-9]{1,9}}`;

export const planBase = (m: Pick<Municipality, "lgCode">) => `${staffBase(m)}/plan`;
export const draftBase = (m: Pick<Municipality, "lgCode">, draftId: number) => `${planBase(m)}/drafts/${draftId}`;
