/**
 * The preview of an uploaded workbook: what would change, report by report
 * and field by field, before anything is written. Conflicts (the report was
 * saved in the system after the download) ask, per report, which side to
 * keep — a native radio group in a fieldset. Reports the user may not change
 * now are listed apart and are not touched.
 */
import { fiscalYearLabel } from "../../../../core/format/fiscal-year.ts";
import type { FieldError } from "../../../../core/http/form.ts";
import { CsrfField, ErrorSummary } from "../../../../core/views/forms.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { Cycle } from "../../cycle.ts";
import { japanDateTimeLabel } from "../../domain/deadlines.ts";
import { RadioGroup } from "../../views/fields.tsx";
import { cyclesCrumb, reportBase } from "../../views/paths.ts";
import type { ConflictChoice } from "../commands/apply-workbook.ts";
import type { PlannedReport } from "../domain/plan-changes.ts";
import type { WorkbookUpload } from "../repository/upload-queries.ts";
import { uploadPath, workbookPath } from "./paths.ts";
import type { Staff } from "./workbook-page.tsx";

export const choiceField = (number: number) => `choice-${number}`;

export function PreviewPage(props: {
  municipality: Municipality;
  staff: Staff;
  cycle: Cycle;
  upload: Pick<WorkbookUpload, "id" | "fileName" | "sha256" | "createdAt" | "appliedAt">;
  items: readonly PlannedReport[];
  choices?: ReadonlyMap<number, ConflictChoice>;
  errors?: readonly FieldError[];
  message?: string;
}) {
  const m = props.municipality;
  const errors = props.errors ?? [];
  const title = `アップロードした内容の確認（${fiscalYearLabel(props.cycle.fiscalYear)}）`;
  const of = (status: PlannedReport["status"]) => props.items.filter((i) => i.status === status);
  const [changed, conflicts, notEditable, unchanged] = [of("changed"), of("conflict"), of("not_editable"), of("unchanged")];
  const applicable = changed.length + conflicts.length > 0 && props.upload.appliedAt === null;
  return (
    <StaffPage municipality={m} title={title} errors={errors} signedIn={{ ...props.staff, ready: true }} section="cycles" trail={[...cyclesCrumb(m), { href: workbookPath(m, props.cycle.id), label: "Excelで入力" }]}>
      <ErrorSummary errors={errors} />
      {props.message ? (
        <div class="error-summary" role="alert">
          <p>{props.message}</p>
        </div>
      ) : null}
      <h1>{title}</h1>
      <dl class="summary-list">
        <div>
          <dt>ファイル</dt>
          <dd>
            {props.upload.fileName}（{japanDateTimeLabel(props.upload.createdAt)}にアップロード）
          </dd>
        </div>
        <div>
          <dt>SHA-256</dt>
          {/* 64 hex digits in groups of 16 with break points: one unbroken word would widen the page on a phone. */}
          <dd>
            {props.upload.sha256.match(/.{1,16}/g)!.map((part, i) => (
              <>
                {i > 0 ? <wbr /> : null}
                {part}
              </>
            ))}
          </dd>
        </div>
        <div>
          <dt>内容</dt>
          <dd>
            変更 {changed.length}件、競合 {conflicts.length}件、変更できない報告 {notEditable.length}件、変更なし {unchanged.length}件
          </dd>
        </div>
      </dl>
      {props.upload.appliedAt ? <p>このファイルは{japanDateTimeLabel(props.upload.appliedAt)}に反映済みです。</p> : null}
      {!applicable && props.upload.appliedAt === null ? <p>システムの内容と同じため、反映する変更はありません。</p> : null}
      <form method="post" action={`${uploadPath(m, props.cycle.id, props.upload.id)}/apply`}>
        <CsrfField token={props.staff.csrfToken} />
        {conflicts.length > 0 ? (
          <section aria-labelledby="conflicts">
            <h2 id="conflicts">競合（{conflicts.length}件）: どちらを残すか選んでください</h2>
            {conflicts.map((item) => (
              <div>
                <h3>
                  <a href={reportBase(m, props.cycle.id, item.number)}>
                    取組項目 {item.number} {item.title}
                  </a>
                </h3>
                {item.note ? <p>{item.note}</p> : null}
                <DiffTable item={item} />
                <RadioGroup
                  idPrefix={choiceField(item.number)}
                  name={choiceField(item.number)}
                  legend={`取組項目 ${item.number} で残す内容`}
                  options={[
                    { value: "system", label: "システムの内容を残す（この報告にはファイルの内容を反映しない）" },
                    { value: "workbook", label: "ファイルの内容で上書きする" },
                  ]}
                  value={props.choices?.get(item.number) ?? null}
                  error={errors.find((e) => e.field === `${choiceField(item.number)}-0`)?.message}
                />
              </div>
            ))}
          </section>
        ) : null}
        {changed.length > 0 ? (
          <section aria-labelledby="changes">
            <h2 id="changes">反映される変更（{changed.length}件）</h2>
            {changed.map((item) => (
              <div>
                <h3>
                  取組項目 {item.number} {item.title}
                </h3>
                <DiffTable item={item} />
              </div>
            ))}
          </section>
        ) : null}
        {applicable ? (
          <button type="submit" class="button">
            反映する
          </button>
        ) : null}
      </form>
      {notEditable.length > 0 ? (
        <section aria-labelledby="not-editable">
          <h2 id="not-editable">変更できない報告（{notEditable.length}件、反映しません）</h2>
          {notEditable.map((item) => (
            <div>
              <h3>
                取組項目 {item.number} {item.title}
              </h3>
              <p>{item.note}</p>
              <DiffTable item={item} />
            </div>
          ))}
        </section>
      ) : null}
      {unchanged.length > 0 ? (
        <section aria-labelledby="unchanged">
          <h2 id="unchanged">変更なし（{unchanged.length}件）</h2>
          <p>{unchanged.map((i) => `取組項目 ${i.number}`).join("、")}</p>
        </section>
      ) : null}
      <p>
        <a href={workbookPath(m, props.cycle.id)}>別のファイルをアップロードする</a>
      </p>
    </StaffPage>
  );
}

function DiffTable(props: { item: PlannedReport }) {
  if (props.item.diffs.length === 0) return null;
  return (
    <TableWrap label={`取組項目 ${props.item.number} の変更`}>
      <table class="stacked">
        <caption>取組項目 {props.item.number} の項目ごとの違い</caption>
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">システムの内容</th>
            <th scope="col">ファイルの内容</th>
          </tr>
        </thead>
        <tbody>
          {props.item.diffs.map((d) => (
            <tr>
              <th scope="row">{d.label}</th>
              <td data-label="システムの内容">
                <Lines text={d.system} />
              </td>
              <td data-label="ファイルの内容">
                <Lines text={d.workbook} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Text with its line breaks kept (report texts are several lines). */
function Lines(props: { text: string }) {
  return (
    <>
      {props.text.split("\n").map((line, i) => (
        <>
          {i > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}
