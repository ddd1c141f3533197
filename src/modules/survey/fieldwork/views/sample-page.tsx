/**
 * 標本: import the sample frame (CSV: 識別番号 and the stratum columns only),
 * then the letters PDF (built in the background) and the mailing
 * contractor's CSV. Problems with a file come back all at once, each with
 * its line and column, and nothing is imported.
 */
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { CsrfField, ErrorSummary, FieldMessage } from "../../../../core/views/forms.tsx";
import type { Job } from "../../../../core/jobs/job.ts";
import { TableWrap } from "../../../../core/views/layout.tsx";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import { FRAME_ID_COLUMN, STRATUM_COLUMNS } from "../domain/sample-frame.ts";
import { stratumKey, type StrataGrid, type StratumCell } from "../domain/strata.ts";
import type { LettersInfo } from "../repository/letters-queries.ts";
import type { SurveyRecord } from "../repository/survey-queries.ts";
import { dateTimeLabel, surveyPath, surveysPath } from "./paths.ts";
import type { Staff } from "./survey-list-page.tsx";

export const SAMPLE_FILE_ID = "sample-file";
export const strataInputId = (cell: Pick<StratumCell, "name">) => `strata-${cell.name.replace(/\./g, "-")}`;

type StrataProps = { grid: StrataGrid | undefined; recorded: ReadonlyMap<string, number>; typed?: Record<string, string> };

/**
 * The grid of counts: one number input per stratum (age band rows × area
 * columns), each labelled with its stratum for screen readers; the cell shows
 * what is recorded so far.
 */
function StrataForm(props: { action: string; csrfToken: string; strata: StrataProps; errors: FieldError[] }) {
  const { grid, recorded, typed } = props.strata;
  if (!grid) return <p>調査票に回答者属性（年齢区分・地区・性別）の設問を作ると、層別の送付数を記録できます。</p>;
  const cellsOf = (rowCode: string) => grid.cells.filter((cell) => cell.stratum[grid.rows.attribute] === rowCode);
  const input = (cell: StratumCell) => {
    const id = strataInputId(cell);
    const error = errorFor(props.errors, id);
    const value = typed?.[cell.name] ?? String(recorded.get(stratumKey(cell.stratum)) ?? "");
    return (
      <td class={error ? "form-field-error" : undefined}>
        <label class="visually-hidden" for={id}>
          {cell.label}の送付数
        </label>
        <input type="text" inputmode="numeric" id={id} name={cell.name} value={value} size={6} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        {error ? (
          <span id={`${id}-error`} class="visually-hidden">
            {error}
          </span>
        ) : null}
      </td>
    );
  };
  const title = grid.columns ? `${grid.rows.title}×${grid.columns.title}別の送付数` : `${grid.rows.title}別の送付数`;
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField token={props.csrfToken} />
      <TableWrap label={title}>
        <table>
          <caption>{title}（人）</caption>
          <thead>
            <tr>
              <th scope="col">{grid.rows.title}</th>
              {grid.columns ? grid.columns.options.map((o) => <th scope="col">{o.label}</th>) : <th scope="col">送付数</th>}
            </tr>
          </thead>
          <tbody>
            {grid.rows.options.map((row) => (
              <tr>
                <th scope="row">{row.label}</th>
                {cellsOf(row.code).map(input)}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <button type="submit" class="button">送付数を記録する</button>
    </form>
  );
}

export function SamplePage(props: {
  municipality: Municipality;
  staff: Staff;
  survey: SurveyRecord;
  members: number;
  identities: number;
  letters: LettersInfo | undefined;
  job: Job | undefined;
  errors?: FieldError[];
  notice?: string;
  strata?: StrataProps;
}) {
  const m = props.municipality;
  const base = surveyPath(m, props.survey.code);
  const errors = props.errors ?? [];
  const fileErrors = errors.filter((e) => e.field === SAMPLE_FILE_ID);
  const canImport = props.survey.state === "draft" || props.survey.state === "fieldwork";
  const destroyed = props.survey.linkDestroyedAt !== null;
  const building = props.job && (props.job.state === "queued" || props.job.state === "running");
  return (
    <StaffPage
      municipality={m}
      title={`標本と依頼状（${props.survey.title}）`}
      errors={errors}
      signedIn={{ ...props.staff, ready: true }}
      section="surveys"
      trail={[{ href: surveysPath(m), label: "市民アンケート" }, { href: base, label: props.survey.title }]}
    >
      <h1>標本と依頼状（{props.survey.title}）</h1>
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        標本 {props.members.toLocaleString("ja-JP")}人（うち識別番号との対応表 {props.identities.toLocaleString("ja-JP")}人分）。
        {destroyed ? "対応表は消去済みです。" : ""}
      </p>
      {canImport && !destroyed ? (
        <>
          <h2>標本（抽出名簿）を取り込む</h2>
          <p>
            CSVの1行目は見出しで、使える列は「{FRAME_ID_COLUMN}」（必須）と「{Object.values(STRATUM_COLUMNS).join("」「")}」だけです。氏名・住所・生年月日などは取り込みません。
            値は調査票の回答者属性の設問の選択肢（コードまたは表示）で書きます。文字コードはUTF-8（BOM付き可）またはShift_JIS。同じファイルを2回取り込んでも変わりません。1人ごとに回答用コードを作ります。
          </p>
          <form method="post" action={`${base}/sample`} enctype="multipart/form-data">
            <CsrfField token={props.staff.csrfToken} />
            <div class={fileErrors.length > 0 ? "form-field form-field-error" : "form-field"}>
              <label for={SAMPLE_FILE_ID}>
                標本のCSVファイル<span class="required">必須</span>
              </label>
              <FieldMessage id={`${SAMPLE_FILE_ID}-error`} message={fileErrors.length > 0 ? "ファイルを直して、もう一度取り込んでください（上の一覧のとおり）" : undefined} />
              <input type="file" id={SAMPLE_FILE_ID} name="file" accept=".csv,text/csv" aria-describedby={fileErrors.length > 0 ? `${SAMPLE_FILE_ID}-error` : undefined} aria-invalid={fileErrors.length > 0 ? "true" : undefined} />
            </div>
            <button type="submit" class="button">取り込む</button>
          </form>
          <h2>層別の送付数を記録する（抽出名簿を取り込まない場合）</h2>
          <p>
            住民基本台帳の識別番号を使わない調査（紙だけの調査など）では、層ごとに何人に送ったかを記録します。1人分ごとに回答用コード（識別番号なし）を作り、依頼状は層の順に印刷されます。回収率は層別に出ます。
            送付数は増やせますが、既に作ったコードは印刷・発送済みのことがあるため減らせません。空欄は0人です。
          </p>
          {props.strata ? <StrataForm action={`${base}/strata`} csrfToken={props.staff.csrfToken} strata={props.strata} errors={errors} /> : null}
        </>
      ) : null}
      {props.members > 0 && !destroyed ? (
        <>
          <h2>依頼状（PDF）</h2>
          <p>1人1枚（A4）、回答用コードと回答ページのQRコードを印刷します。印刷は裏で行います（1,300通で数分）。</p>
          {props.letters ? (
            <p>
              <a href={`${base}/letters.pdf`}>依頼状のPDF（{props.letters.letterCount.toLocaleString("ja-JP")}通、{dateTimeLabel(props.letters.builtAt)}作成）</a>
              {props.letters.letterCount !== props.members ? "　標本が増えています。作り直してください。" : ""}
            </p>
          ) : null}
          {building ? (
            <p role="status">
              作成中です（{props.job!.progress}%{props.job!.progressLabel ? `、${props.job!.progressLabel}` : ""}）。しばらくしてからこのページを開き直してください。
            </p>
          ) : props.job?.state === "failed" ? (
            <p>前回の作成は失敗しました（{props.job.error}）。</p>
          ) : null}
          {!building ? (
            <form method="post" action={`${base}/letters`}>
              <CsrfField token={props.staff.csrfToken} />
              <button type="submit" class="button">
                {props.letters ? "依頼状を作り直す" : "依頼状を作る"}
              </button>
            </form>
          ) : null}
          <h2>発送委託業者向けCSV</h2>
          <p>
            列は「{FRAME_ID_COLUMN}」「回答用コード」「回答ページ」です。業者は識別番号で宛名と照合して封入します。年齢区分などの属性は業者に渡しません。受け渡しは暗号化した媒体で行い、発送後に業者から消去の報告を受けてください。
          </p>
          <p>
            <a href={`${base}/mailing.csv`}>発送委託業者向けCSVをダウンロード</a>
          </p>
        </>
      ) : null}
    </StaffPage>
  );
}
