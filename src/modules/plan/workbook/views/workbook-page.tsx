/**
 * 計画のブック（Excel）: download the draft as a workbook, and upload the
 * edited workbook into the draft. A refused upload comes back (400) with
 * every problem in a table — sheet, cell, message — and nothing saved.
 */
import { CsrfField, ErrorSummary, FieldMessage } from "../../../../core/views/forms.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import { AuthoringPage, type Staff } from "../../authoring/views/authoring-page.tsx";
import type { Revision } from "../../revisions/revision.ts";
import type { WorkbookProblem } from "../read-sheets.ts";
import { MAX_PROBLEMS_SHOWN } from "../check-plan-workbook.ts";
import { planWorkbookPath, planWorkbookFilePath } from "../paths.ts";

export const FILE_FIELD = "workbook";
const FILE_ID = "f-workbook";

export function PlanWorkbookPage(props: {
  municipality: Municipality;
  staff: Staff;
  draft: Revision;
  /** A problem with the upload as a whole (no file, too large …). */
  fileError?: string;
  problems?: WorkbookProblem[];
  fileName?: string;
}) {
  const { draft } = props;
  const problems = props.problems ?? [];
  const title = "計画のブック（Excel）で編集";
  const errors = [
    ...(props.fileError ? [{ field: FILE_ID, message: props.fileError }] : []),
    ...(problems.length > 0 ? [{ field: "workbook-problems", message: `ブックに${problems.length}件の問題があるため、何も取り込んでいません。下の一覧を確認してください` }] : []),
  ];
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
  return (
    <AuthoringPage municipality={props.municipality} staff={props.staff} title={title} errors={errors} draft={draft}>
      <h1>{title}</h1>
      <p>
        第{draft.number}版の下書きの取組方針と取組項目（担当課、取組内容・目標、取組計画、数値目標）を、Excel などの表計算ソフトでまとめて編集できます。
        計画の概要や用語説明は、このブックでは変わりません。
      </p>
      <h2>1. ブックをダウンロードする</h2>
      <p>
        <a href={planWorkbookFilePath(props.municipality, draft.id)} download>
          第{draft.number}版の下書きのブック（.xlsx）をダウンロード
        </a>
      </p>
      <p>書き方は、ブックの最初のシート「説明」にあります。</p>
      <h2>2. 編集したブックを取り込む</h2>
      <p>
        取り込むと、下書きの取組方針と取組項目がブックの内容に置き換わります。問題が1つでもあれば、すべての問題を示し、何も取り込みません。
        ダウンロードした後に画面で下書きを編集した場合は、ダウンロードし直してください。
      </p>
      {problems.length > 0 ? (
        <div id="workbook-problems" tabindex={-1}>
          <TableWrap label="ブックの問題の一覧">
            <table>
              <caption>
                {props.fileName ? `「${props.fileName}」の問題` : "ブックの問題"} {problems.length}件{problems.length > shown.length ? `（最初の${shown.length}件を表示）` : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">シート</th>
                  <th scope="col">セル</th>
                  <th scope="col">内容</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr>
                    <td>{p.sheet || "（ブック全体）"}</td>
                    <td>{p.cell || "－"}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      ) : null}
      <form method="post" action={planWorkbookPath(props.municipality, draft.id)} enctype="multipart/form-data">
        <CsrfField token={props.staff.csrfToken} />
        <div class={props.fileError ? "form-field form-field-error" : "form-field"}>
          <label for={FILE_ID}>編集したブック（.xlsx）</label>
          <p id={`${FILE_ID}-hint`} class="hint">
            このページからダウンロードしたブックを、.xlsx 形式のまま保存して選んでください（4MBまで）。
          </p>
          <FieldMessage id={`${FILE_ID}-error`} message={props.fileError} />
          <input
            type="file"
            id={FILE_ID}
            name={FILE_FIELD}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={props.fileError ? `${FILE_ID}-hint ${FILE_ID}-error` : `${FILE_ID}-hint`}
            aria-invalid={props.fileError ? "true" : undefined}
          />
        </div>
        <button type="submit" class="button">
          ブックを取り込む
        </button>
      </form>
    </AuthoringPage>
  );
}
