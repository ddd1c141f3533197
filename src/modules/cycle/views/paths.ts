/** Addresses of the cycle's staff pages, in one place (handlers redirect to the same ones the views link to). */
import type { Crumb } from "../../../core/views/layout.tsx";
import { staffBase } from "../../accounts/staff-area.ts";
import type { Municipality } from "../../tenancy/municipality.ts";

type Where = Pick<Municipality, "lgCode">;

export const cyclesBase = (m: Where) => `${staffBase(m)}/cycles`;
export const cycleBase = (m: Where, cycleId: number) => `${cyclesBase(m)}/${cycleId}`;
export const reportBase = (m: Where, cycleId: number, initiativeNumber: number) => `${cycleBase(m, cycleId)}/initiatives/${initiativeNumber}`;
/** The cycle's 集計表 (summary-workbook/routes.ts). */
export const summaryWorkbookPath = (m: Where, cycleId: number) => `${cycleBase(m, cycleId)}/summary.xlsx`;
export const myTasksPath = (m: Where) => `${staffBase(m)}/my-tasks`;
export const evaluationPath = (m: Where) => `${staffBase(m)}/evaluation`;
export const outboxPath = (m: Where) => `${staffBase(m)}/outbox`;
export const collectivesPath = (m: Where) => `${staffBase(m)}/collectives`;
export const resultsPath = (m: Where, fiscalYear?: number) => `/${m.lgCode}/results${fiscalYear === undefined ? "" : `/${fiscalYear}`}`;

export const cyclesCrumb = (m: Where): [Crumb & { href: string }] => [{ href: cyclesBase(m), label: "自己評価（PDCA）" }];
