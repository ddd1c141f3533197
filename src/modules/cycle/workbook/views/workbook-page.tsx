/**
 * 「Excelで入力」: the division's workbook to download, the upload form, and
 * — when an upload was refused — every problem found, each with its sheet
 * and cell, in one table (no JavaScript; the file input is a native one).
 */
import { fiscalYearLabel } from "../../../../core/format/fiscal-year.ts";
import { CsrfField, ErrorSummary } from "../../../../core/views/forms.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import type { StaffUser } from "../../../accounts/user.ts";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { Cycle } from "../../cycle.ts";
import { dateLabel } from "../../domain/deadlines.ts";
import { Notice } from "../../views/fields.tsx";
import { cyclesCrumb, myTasksPath } from "../../views/paths.ts";
import type { Problem } from "../domain/parse.ts";
import { workbookPath } from "./paths.ts";

export type Staff = { user: StaffUser; csrfToken: string };

export const FILE_FIELD_ID = "workbook-file";

export function WorkbookPage(props: {
  municipality: Municipality;
  staff: Staff;
  cycle: Cycle;
  divisionName: string;
  reportCount: number;
  maxBytesLabel: string;
  problems?: readonly Problem[];
  notice?: string;
}) {
  const m = props.municipality;
  const problems = props.problems ?? [];
  const title = `Excelで入力（${fiscalYearLabel(props.cycle.fiscalYear)}）`;
  const errors = problems.length > 0 ? [{ field: FILE_FIELD_ID, message: `アップロードしたファイルに${problems.length}件の問題があります。下の一覧を確認して直してください` }] : [];
  const base = workbookPath(m, props.cycle.id);
  return (
    <StaffPage municipality={m} title={title} errors={errors} signedIn={{ ...props.staff, ready: true }} section="cycles" trail={cyclesCrumb(m)}>
      <ErrorSummary errors={errors} />
      <Notice message={props.notice} />
      <h1>{title}</h1>
      <p>
        {props.divisionName}が担当する取組項目の報告（{props.reportCount}件）を、Excelのファイルで入力できます。画面で入力する場合は<a href={myTasksPath(m)}>自分の作業</a>から各報告を開いてください。
      </p>
      <h2>1. ファイルをダウンロードする</h2>
      <p>
        報告と数値目標の実績の現在の内容が入ったファイルです。白いセルに入力してください（入力のしかたはファイルの「説明」シートにあります）。各課の提出期限は{dateLabel(props.cycle.deadlines.reportDue)}です。
      </p>
      <p>
        <a href={`${base}/download`} class="button" download>
          {props.divisionName}の入力用ファイル（.xlsx）をダウンロード
        </a>
      </p>
      <h2>2. 入力したファイルをアップロードする</h2>
      <p>アップロードすると、変更される内容の確認画面を表示します。「反映する」を押すまで、システムの内容は変わりません。</p>
      {problems.length > 0 ? <ProblemTable problems={problems} /> : null}
      <form method="post" action={base} enctype="multipart/form-data">
        <CsrfField token={props.staff.csrfToken} />
        <div class={problems.length > 0 ? "form-field form-field-error" : "form-field"}>
          <label for={FILE_FIELD_ID}>入力したファイル（.xlsx、{props.maxBytesLabel}まで）</label>
          <input
            type="file"
            id={FILE_FIELD_ID}
            name="workbook"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-invalid={problems.length > 0 ? "true" : undefined}
            aria-describedby={problems.length > 0 ? "workbook-problems" : undefined}
          />
        </div>
        <button type="submit" class="button">
          アップロードして確認する
        </button>
      </form>
    </StaffPage>
  );
}

export function ProblemTable(props: { problems: readonly Problem[] }) {
  return (
    <TableWrap label="ファイルの問題の一覧">
      <table class="stacked" id="workbook-problems">
        <caption>ファイルの問題（{props.problems.length}件）。すべて直してから、もう一度アップロードしてください</caption>
        <thead>
          <tr>
            <th scope="col">シート</th>
            <th scope="col">セル</th>
            <th scope="col">内容</th>
          </tr>
        </thead>
        <tbody>
          {props.problems.map((p) => (
            <tr>
              <td data-label="シート">{p.sheet || "（ファイル全体）"}</td>
              <td data-label="セル">{p.cell ?? "—"}</td>
              <td data-label="内容">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
