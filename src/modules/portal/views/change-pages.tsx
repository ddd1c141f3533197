/**
 * 変更履歴: the published revisions of the current plan (who, when, why),
 * the changes of one revision against the one before it, and a comparison
 * of any two revisions.
 */
import { TableWrap } from "../../../core/views/layout.tsx";
import type { Plan } from "../../plan/plan.ts";
import { countChanges, type PlanChange } from "../../plan/revisions/domain/plan-change.ts";
import type { RevisionHeader } from "../../plan/revisions/revision.ts";
import type { HistoryEntry } from "../change-history.ts";
import { basePath, PortalPage } from "../portal-page.tsx";
import { ChangeTables, countsText, PublishedAt } from "./change-views.tsx";

const HISTORY_TITLE = "変更履歴";

export function ChangeHistoryPage(props: { plan: Plan; entries: HistoryEntry[] }) {
  const { plan, entries } = props;
  const base = basePath(plan.municipality);
  return (
    <PortalPage municipality={plan.municipality} section="changes" title={HISTORY_TITLE}>
      <h1>{HISTORY_TITLE}</h1>
      <p>
        「{plan.title}」は、計画期間中に見直されることがあります。公開された版はすべて残しており、いつ・誰が・なぜ変更したかと、変更前と変更後の内容を確認できます。
      </p>
      {entries.length === 0 ? (
        <p>この計画の変更履歴はまだありません。</p>
      ) : (
        <>
          <TableWrap label="公開された版の一覧">
            <table>
              <caption>公開された版の一覧（新しい順、{entries.length}版）</caption>
              <thead>
                <tr>
                  <th scope="col">版</th>
                  <th scope="col">公開日</th>
                  <th scope="col">公開した人</th>
                  <th scope="col">変更の理由</th>
                  <th scope="col">前の版からの変更</th>
                </tr>
              </thead>
              <tbody>
                {entries.map(({ revision: r, counts }) => (
                  <tr>
                    <th scope="row">
                      <a href={`${base}/changes/${r.number}`}>第{r.number}版</a>
                      {r.number === entries[0]!.revision.number ? <span class="tag">現在の版</span> : null}
                    </th>
                    <td>
                      <PublishedAt at={r.publishedAt} />
                    </td>
                    <td>{r.publishedBy?.label ?? "—"}</td>
                    <td>{r.reason}</td>
                    <td>{countsText(counts)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {entries.length >= 2 ? (
            <CompareForm
              plan={plan}
              revisions={entries.map((e) => e.revision)}
              from={entries[1]!.revision.number}
              to={entries[0]!.revision.number}
            />
          ) : null}
        </>
      )}
    </PortalPage>
  );
}

export function RevisionChangesPage(props: {
  plan: Plan;
  revision: RevisionHeader;
  previous: RevisionHeader | undefined;
  changes: PlanChange[];
}) {
  const { plan, revision: r, previous } = props;
  const base = basePath(plan.municipality);
  const title = `第${r.number}版の変更内容`;
  return (
    <PortalPage municipality={plan.municipality} section="changes" title={title} trail={[{ href: `${base}/changes`, label: HISTORY_TITLE }]}>
      <h1>{title}</h1>
      <RevisionFacts revision={r} />
      {previous ? (
        <>
          <p class="lead">
            第{previous.number}版からの変更: {countsText(countChanges(props.changes))}
          </p>
          <ChangeTables plan={plan} changes={props.changes} />
        </>
      ) : (
        <p>第{r.number}版はこの計画の最初の版のため、比べる前の版はありません。</p>
      )}
      <p>
        <a href={`${base}/changes`}>変更履歴の一覧へ戻る</a>
      </p>
    </PortalPage>
  );
}

export function CompareRevisionsPage(props: {
  plan: Plan;
  revisions: RevisionHeader[];
  comparison: { from: RevisionHeader; to: RevisionHeader; changes: PlanChange[] } | null;
}) {
  const { plan, comparison } = props;
  const base = basePath(plan.municipality);
  const title = comparison ? `第${comparison.from.number}版と第${comparison.to.number}版の比較` : "版の比較";
  return (
    <PortalPage municipality={plan.municipality} section="changes" title={title} trail={[{ href: `${base}/changes`, label: HISTORY_TITLE }]}>
      <h1>{title}</h1>
      {comparison ? (
        <>
          <CompareForm plan={plan} revisions={[...props.revisions].reverse()} from={comparison.from.number} to={comparison.to.number} />
          <p class="lead">
            第{comparison.from.number}版（<PublishedAt at={comparison.from.publishedAt} />
            公開）から第{comparison.to.number}版（<PublishedAt at={comparison.to.publishedAt} />
            公開）への変更: {countsText(countChanges(comparison.changes))}
          </p>
          <ChangeTables plan={plan} changes={comparison.changes} />
        </>
      ) : (
        <p>比べられる版が2つ以上ありません。</p>
      )}
    </PortalPage>
  );
}

function RevisionFacts(props: { revision: RevisionHeader }) {
  const r = props.revision;
  return (
    <dl>
      <div>
        <dt>公開日時</dt>
        <dd>
          <PublishedAt at={r.publishedAt} withTime />
        </dd>
      </div>
      <div>
        <dt>公開した人</dt>
        <dd>{r.publishedBy?.label ?? "—"}</dd>
      </div>
      <div>
        <dt>変更の理由</dt>
        <dd>{r.reason}</dd>
      </div>
    </dl>
  );
}

/** Two selects and a button: a plain GET form, so a comparison has a shareable address. */
function CompareForm(props: { plan: Plan; revisions: RevisionHeader[]; from: number; to: number }) {
  const base = basePath(props.plan.municipality);
  const options = (selected: number) =>
    props.revisions.map((r) => (
      <option value={String(r.number)} selected={r.number === selected}>
        第{r.number}版（{short(r.reason ?? "")}）
      </option>
    ));
  return (
    <form class="filters" method="get" action={`${base}/changes/compare`} aria-labelledby="compare-title">
      <h2 id="compare-title">2つの版を比べる</h2>
      <div>
        <label for="compare-from">比べる元の版</label>
        <select id="compare-from" name="from">
          {options(props.from)}
        </select>
      </div>
      <div>
        <label for="compare-to">比べる先の版</label>
        <select id="compare-to" name="to">
          {options(props.to)}
        </select>
      </div>
      <div>
        <button class="button" type="submit">
          比較する
        </button>
      </div>
    </form>
  );
}

function short(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
