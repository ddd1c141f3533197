/**
 * 変更履歴: the published revisions of the current plan (who, when, why),
 * the changes of one revision against the one before it, and a comparison
 * of any two revisions. The history starts with the plan's adoption (策定):
 * the first version, loaded from the plan file, is shown with the adoption
 * date rather than the day it was loaded. Publishers are named by division
 * (change-history.ts), never by person.
 */
import { warekiDateWithWestern } from "../../../core/format/wareki-date.ts";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { Plan } from "../../plan/plan.ts";
import { countChanges, type PlanChange } from "../../plan/revisions/domain/plan-change.ts";
import type { RevisionHeader } from "../../plan/revisions/revision.ts";
import type { HistoryEntry } from "../../plan/revisions/change-history.ts";
import { basePath, PortalPage } from "../../tenancy/views/portal-page.tsx";
import { ChangeTables, countsText, PublishedAt } from "../../plan/revisions/views/change-views.tsx";

const HISTORY_TITLE = "変更履歴";

/** The first version as loaded from the plan file is the plan as adopted: its adoption ("YYYY-MM(-DD)"), if known. */
function adoptionOf(plan: Plan, r: RevisionHeader): string | undefined {
  if (r.number !== 1 || r.publishedBy?.userId !== null) return undefined;
  return plan.municipality.profile?.planAdoptedOn ?? plan.adoptedOn ?? undefined;
}

const publicReason = (plan: Plan, r: RevisionHeader) => (adoptionOf(plan, r) ? "計画の策定" : (r.reason ?? ""));

function RevisionDate(props: { plan: Plan; revision: RevisionHeader; withTime?: boolean }) {
  const adoption = adoptionOf(props.plan, props.revision);
  return adoption ? <>{warekiDateWithWestern(adoption)}（策定）</> : <PublishedAt at={props.revision.publishedAt} withTime={props.withTime} />;
}

const publisherOf = (plan: Plan, r: RevisionHeader) => (adoptionOf(plan, r) ? plan.municipality.name : (r.publishedBy?.label ?? "—"));

export function ChangeHistoryPage(props: { plan: Plan; entries: HistoryEntry[] }) {
  const { plan, entries } = props;
  const base = basePath(plan.municipality);
  const first = entries[entries.length - 1]?.revision;
  const adoption = first && adoptionOf(plan, first);
  return (
    <PortalPage municipality={plan.municipality} section="changes" title={HISTORY_TITLE}>
      <h1>{HISTORY_TITLE}</h1>
      {adoption ? (
        <p>
          「{plan.title}」は{warekiDateWithWestern(adoption)}に策定されました（第1版）。
        </p>
      ) : null}
      <p>
        「{plan.title}」は、計画期間中に見直されることがあります。公開された版はすべて残しており、いつ・どの課が・なぜ変更したかと、変更前と変更後の内容を確認できます。
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
                  <th scope="col">公開した課</th>
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
                      <RevisionDate plan={plan} revision={r} />
                    </td>
                    <td>{publisherOf(plan, r)}</td>
                    <td>{publicReason(plan, r)}</td>
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
      <RevisionFacts plan={plan} revision={r} />
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

function RevisionFacts(props: { plan: Plan; revision: RevisionHeader }) {
  const r = props.revision;
  return (
    <dl>
      <div>
        <dt>公開日時</dt>
        <dd>
          <RevisionDate plan={props.plan} revision={r} withTime />
        </dd>
      </div>
      <div>
        <dt>公開した課</dt>
        <dd>{publisherOf(props.plan, r)}</dd>
      </div>
      <div>
        <dt>変更の理由</dt>
        <dd>{publicReason(props.plan, r)}</dd>
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
        第{r.number}版（{short(publicReason(props.plan, r))}）
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
