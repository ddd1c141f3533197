/** Pieces shared by the organisation pages. */
import { staffBase } from "../../accounts/staff-area.ts";
import type { StaffUser } from "../../accounts/user.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import type { Bureau } from "../organisation.ts";

export type Staff = { user: StaffUser; csrfToken: string };

export const organisationBase = (m: Pick<Municipality, "lgCode">) => `${staffBase(m)}/organisation`;

export const organisationCrumb = (m: Municipality) => [{ href: organisationBase(m), label: "組織管理" }];

export const bureauOptions = (bureaus: readonly Bureau[]) => [
  { value: "", label: "（部局を設定しない）" },
  ...bureaus.map((b) => ({ value: String(b.id), label: b.name })),
];
