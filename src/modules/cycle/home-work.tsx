/** 職員ホーム's work panel: the accounts module's home page shows what the cycle module finds waiting for the user. */
import type { Child } from "hono/jsx";
import type { StaffUser } from "../accounts/user.ts";
import type { Municipality } from "../tenancy/municipality.ts";
import { japanDate } from "./domain/deadlines.ts";
import type { CycleDeps } from "./route-support.ts";
import { loadWork } from "./task-data.ts";
import { WorkPanel } from "./views/task-page.tsx";

export function homeWorkPanel(deps: CycleDeps): (municipality: Municipality, user: StaffUser) => Promise<Child> {
  return async (municipality, user) => {
    // An administrator with no workflow role has no cycle work: the home shows the account only.
    if (!user.roles.some((r) => r !== "administrator")) return null;
    const work = await loadWork(deps, municipality, user);
    return <WorkPanel municipality={municipality} user={user} work={work} today={japanDate(new Date())} level={1} />;
  };
}
