/**
 * One survey's staff page: its state and the next step, 回収率 by stratum
 * while it runs, codes answered both online and on paper, and — after
 * fieldwork — the irreversible destruction of the code ↔ identity link.
 */
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { CsrfField, ErrorSummary, TextField } from "../../../../core/views/forms.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import { formatCode } from "../domain/answer-code.ts";
import { warekiDateLabel } from "../../../../core/format/wareki-date.ts";
import type { RateTable } from "../domain/response-rate.ts";
import type { DuplicateCode } from "../repository/response-queries.ts";
import type { SurveyRecord } from "../repository/survey-queries.ts";
import { answerPath } from "../answer-url.ts";
import { dateTimeLabel, STATE_LABELS, surveyPath, surveysPath } from "./paths.ts";
import type { Staff } from "./survey-list-page.tsx";

export const DESTROY_FIELD = "destroy-confirm";

const rateCaption = (title: string) => (title === "全体" ? "回収率（全体）" : `回収率（${title}別）`);

export type SurveyOverview = {
  survey: SurveyRecord;
  version: number | null;
  members: number;
  identities: number;
  rates: RateTable[];
  duplicates: DuplicateCode[];
  responses: { submitted: number; excluded: number };
};

const CHANNEL_LABELS = { online: "インターネットの回答", paper: "紙の調査票の回答" } as const;
const NOT_SET = "未設定";
const day = (d: string | null) => (d ? warekiDateLabel(d) : NOT_SET);

/** One duplicate: which response counts now, and (for the secretariat) the choice. */
function DuplicateItem(props: { item: DuplicateCode; action: string; csrfToken: string; canWrite: boolean }) {
  const { item } = props;
  const counted = item.online.state === "excluded" ? "paper" : item.paper?.state === "excluded" ? "online" : null;
  const status = !item.paper
    ? "紙の入力が未確定です（二重入力の2回目または食い違いの確認待ち）。確定してから選べます。"
    : counted
      ? `集計に使う回答: ${CHANNEL_LABELS[counted]}（もう一方は保存したまま集計から外しています）`
      : "未解決: 両方の回答が集計に入っています。";
  return (
    <li>
      <p>
        <strong>{formatCode(item.code)}</strong>　{status}
      </p>
      {props.canWrite && item.paper ? (
        <form method="post" action={props.action}>
          <CsrfField token={props.csrfToken} />
          <fieldset>
            <legend>{formatCode(item.code)} の集計に使う回答</legend>
            {(["online", "paper"] as const).map((channel) => (
              <div class="checkbox survey-option">
                <input type="radio" id={`keep-${item.code}-${channel}`} name="keep" value={channel} checked={counted === channel} required />
                <label for={`keep-${item.code}-${channel}`}>{CHANNEL_LABELS[channel]}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button">この回答を集計に使う</button>
        </form>
      ) : null}
    </li>
  );
}

export function SurveyPage(props: { municipality: Municipality; staff: Staff; overview: SurveyOverview; canWrite: boolean; notice?: string; errors?: FieldError[] }) {
  const m = props.municipality;
  const { survey, rates } = props.overview;
  const base = surveyPath(m, survey.code);
  const errors = props.errors ?? [];
  return (
    <StaffPage municipality={m} title={survey.title} errors={errors} signedIn={{ ...props.staff, ready: true }} section="surveys" trail={[{ href: surveysPath(m), label: "市民アンケート" }]}>
      <h1>{survey.title}</h1>
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <dl class="summary-list">
        <div>
          <dt>状態</dt>
          <dd>{STATE_LABELS[survey.state]}</dd>
        </div>
        <div>
          <dt>調査票</dt>
          <dd>{props.overview.version ? `第${props.overview.version}版${survey.state === "draft" ? "" : "（実査開始により確定）"}` : "未作成"}</dd>
        </div>
        <div>
          <dt>標本</dt>
          <dd>
            {props.overview.members.toLocaleString("ja-JP")}人
            {survey.linkDestroyedAt ? `（対応表は${dateTimeLabel(survey.linkDestroyedAt)}に消去済み）` : `（対応表 ${props.overview.identities.toLocaleString("ja-JP")}人分）`}
          </dd>
        </div>
        <div>
          <dt>調査期間</dt>
          <dd>{survey.periodStart || survey.periodEnd ? `${day(survey.periodStart)}〜${day(survey.periodEnd)}` : NOT_SET}</dd>
        </div>
        <div>
          <dt>回答期限（依頼状に印刷）</dt>
          <dd>{day(survey.answerDeadline)}</dd>
        </div>
        <div>
          <dt>お問い合わせ先（依頼状に印刷）</dt>
          <dd class="preserve-lines">{survey.contact ?? NOT_SET}</dd>
        </div>
        <div>
          <dt>有効回答（集計に使う回答）</dt>
          <dd>
            {props.overview.responses.submitted.toLocaleString("ja-JP")}件
            {props.overview.responses.excluded > 0 ? `（重複のため集計から外した回答 ${props.overview.responses.excluded.toLocaleString("ja-JP")}件は別）` : ""}
          </dd>
        </div>
        {survey.copiedFrom ? (
          <div>
            <dt>複製元</dt>
            <dd>{survey.copiedFrom.title}</dd>
          </div>
        ) : null}
        <div>
          <dt>回答ページ</dt>
          <dd>{answerPath(m.lgCode)}（回答用コードで開きます）</dd>
        </div>
      </dl>
      <ul>
        {props.canWrite && survey.state !== "published" ? (
          <li>
            <a href={`${base}/details`}>調査の概要（目的・対象・期間・回答期限・お問い合わせ先）の編集</a>
          </li>
        ) : null}
        <li>
          <a href={`${base}/definition`}>調査票{survey.state === "draft" && props.canWrite ? "の編集" : ""}</a>
        </li>
        <li>
          <a href={`${base}/codebook`}>コードブック</a>
        </li>
        {props.canWrite ? (
          <>
            <li>
              <a href={`${base}/sample`}>標本の取り込みと依頼状</a>
            </li>
            <li>
              <a href={`${base}/paper`}>紙の調査票の入力</a>
            </li>
            <li>
              <a href={`${base}/analysis`}>集計・分析（クロス集計、ウェイト、回答データの読み込みと書き出し、集計表の公表）</a>
            </li>
          </>
        ) : null}
      </ul>
      {props.canWrite && (survey.state === "draft" || survey.state === "fieldwork") ? (
        <form method="post" action={`${base}/advance`}>
          <CsrfField token={props.staff.csrfToken} />
          <p>
            {survey.state === "draft"
              ? "実査を始めると調査票は確定し、回答用コードで回答を受け付けます。以後、調査票は変更できません。"
              : "実査を終えると回答の受付を止めます。"}
          </p>
          <button type="submit" class="button">
            {survey.state === "draft" ? "実査を始める" : "実査を終える"}
          </button>
        </form>
      ) : null}

      <h2>回収率</h2>
      {props.overview.members === 0 ? (
        <p>標本がまだありません。</p>
      ) : (
        rates.map((table) => (
          <TableWrap label={rateCaption(table.title)}>
            <table>
              <caption>{rateCaption(table.title)}</caption>
              <thead>
                <tr>
                  <th scope="col">{table.title}</th>
                  <th scope="col">送付数</th>
                  <th scope="col">回収数</th>
                  <th scope="col">回収率</th>
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr>
                    <th scope="row">{row.label}</th>
                    <td class="number">{row.sampled.toLocaleString("ja-JP")}</td>
                    <td class="number">{row.responded.toLocaleString("ja-JP")}</td>
                    <td class="number">{row.rate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ))
      )}

      <h2>インターネットと紙の両方で回答されたコード</h2>
      {props.overview.duplicates.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <>
          <p>
            次のコードは両方の回答があります。1人を2回数えないよう、調査票と照合して集計に使う回答を選んでください。選ばなかった回答は消さずに残し、集計から外します（回収率では1人として数えています）。
          </p>
          <ul class="duplicates">
            {props.overview.duplicates.map((item) => (
              <DuplicateItem item={item} action={`${base}/duplicates/${item.code}`} csrfToken={props.staff.csrfToken} canWrite={props.canWrite} />
            ))}
          </ul>
        </>
      )}

      {props.canWrite && !survey.linkDestroyedAt && props.overview.identities > 0 ? (
        <>
          <h2>対応表（コードと識別番号）の消去</h2>
          {survey.state === "draft" || survey.state === "fieldwork" ? (
            <p>実査を終えた後に消去できます。消去すると、回答用コードから個人をたどれなくなります。回答と回収率は残ります。</p>
          ) : (
            <form method="post" action={`${base}/destroy-link`} novalidate>
              <CsrfField token={props.staff.csrfToken} />
              <p>
                <strong>元に戻せません。</strong>
                {props.overview.identities.toLocaleString("ja-JP")}人分の識別番号を消去します。依頼状のPDFと委託業者向けCSVも使えなくなります。回答と層別の回収率は残ります。
              </p>
              <TextField
                id={DESTROY_FIELD}
                name="confirm"
                label={`確認のため、調査のコード「${survey.code}」を入力してください`}
                required
                spellcheck={false}
                error={errorFor(errors, DESTROY_FIELD)}
              />
              <button type="submit" class="button">対応表を消去する</button>
            </form>
          )}
        </>
      ) : null}
    </StaffPage>
  );
}
