/** The 集計表's download link on the cycle and evaluation pages, shown only to those who may download it. */
import type { StaffUser } from "../../accounts/user.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import { summaryWorkbookPath } from "../views/paths.ts";
import { canDownloadSummary } from "./access.ts";

export function SummaryWorkbookLink(props: { municipality: Pick<Municipality, "lgCode">; user: Pick<StaffUser, "roles">; cycleId: number }) {
  if (!canDownloadSummary(props.user)) return null;
  return (
    <p>
      <a href={summaryWorkbookPath(props.municipality, props.cycleId)} download>
        集計表（委員会用、Excel形式 .xlsx）をダウンロード
      </a>
    </p>
  );
}
