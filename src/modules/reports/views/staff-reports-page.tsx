/**
 * The secretariat's page for the documents (/:lgCode/staff/reports): the
 * plan document, and per fiscal year the committee's draft (案) and the
 * published report — each with its state, the progress of a build in hand,
 * the download link and (for the secretariat) the button that queues a build.
 * It works without JavaScript: while a build runs the page asks the browser
 * to reload it every few seconds (announced, and it can be turned off).
 */
import { CsrfField } from "../../../core/views/forms.tsx";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { Job } from "../../../core/jobs/job.ts";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import type { StaffUser } from "../../accounts/user.ts";
import { japanDateTimeLabel } from "../../cycle/domain/deadlines.ts";
import { Notice } from "../../cycle/views/fields.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import type { DocumentRef } from "../document-ref.ts";
import type { StoredBuild } from "../repository/document-builds.ts";

export type DocumentStatus = {
  ref: DocumentRef;
  title: string;
  /** Why it cannot be built now (no cycle, nothing published), if so. */
  unavailable: string | null;
  build: StoredBuild | undefined;
  /** The kept PDF shows the content as it is now. */
  current: boolean;
  job: Job | undefined;
  downloadHref: string;
};

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

export const isBuilding = (s: DocumentStatus) => s.job?.state === "queued" || s.job?.state === "running";

function StatusText(props: { status: DocumentStatus }) {
  const { build, job, current } = props.status;
  if (job?.state === "running") {
    return (
      <p>
        <strong>作成中</strong>: {job.progressLabel ?? "開始しています"}（{job.progress}%）
      </p>
    );
  }
  if (job?.state === "queued") {
    return (
      <p>
        <strong>作成待ち</strong>（{japanDateTimeLabel(job.createdAt)} 受付）
        {job.error ? `。前回の試行は失敗しました（${job.error}）。自動で再試行します。` : ""}
      </p>
    );
  }
  const failed = job?.state === "failed" && (!build || (job.finishedAt ?? job.createdAt) > build.builtAt);
  return (
    <>
      {failed ? (
        <p>
          <strong>作成に失敗しました</strong>: {job!.error}
        </p>
      ) : null}
      {!build ? (
        <p>まだ作成していません。</p>
      ) : current ? (
        <p>
          作成済み（{japanDateTimeLabel(build.builtAt)}、{build.pageCount}ページ、{size(build.byteSize)}）
        </p>
      ) : (
        <p>
          <strong>内容が変わりました。作り直してください。</strong>（前回の作成: {japanDateTimeLabel(build.builtAt)}）
        </p>
      )}
    </>
  );
}

export function StaffReportsPage(props: {
  municipality: Municipality;
  staff: { user: StaffUser; csrfToken: string };
  canBuild: boolean;
  documents: DocumentStatus[];
  autoRefresh: boolean;
  notice?: string;
  selfHref: string;
}) {
  const building = props.documents.some(isBuilding);
  return (
    <StaffPage
      municipality={props.municipality}
      title="報告書と計画書（PDF）"
      section="reports"
      signedIn={{ ...props.staff, ready: true }}
    >
      <h1>報告書と計画書（PDF）</h1>
      <Notice message={props.notice} />
      <p>
        取組状況報告書（年度ごと）と計画書のPDFを作成します。作成はサーバーの裏側で行い、数十秒かかることがあります。作成したPDFは、内容（公表された評価結果や計画）が変わるまで保管され、市民向けページから配信されます。
      </p>
      <p>
        案（委員会の審査用）は公表前の報告をそのまま載せたもので、すべてのページに「案」と表示されます。案のPDFは事務局、CIO、デジタル化推進委員会委員だけが取得できます。
      </p>
      {building ? (
        <p role="status">
          作成中の文書があります。
          {props.autoRefresh ? (
            <>
              このページは5秒ごとに自動で更新されます。<a href={`${props.selfHref}?refresh=off`}>自動更新を止める</a>
            </>
          ) : (
            <>
              自動更新は止めています。<a href={props.selfHref}>最新の状態を表示する（自動更新を再開）</a>
            </>
          )}
        </p>
      ) : (
        <p>
          <a href={props.selfHref}>最新の状態を表示する</a>
        </p>
      )}
      <TableWrap label="文書の一覧">
        <table>
          <caption>文書と作成の状況</caption>
          <thead>
            <tr>
              <th scope="col">文書</th>
              <th scope="col">状況</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {props.documents.map((d) => (
              <tr>
                <th scope="row">{d.title}</th>
                <td>{d.unavailable ? <p>{d.unavailable}</p> : <StatusText status={d} />}</td>
                <td>
                  {d.build ? (
                    <p>
                      <a href={d.downloadHref}>{d.title}のPDFを開く</a>
                    </p>
                  ) : null}
                  {props.canBuild && !d.unavailable && !isBuilding(d) ? (
                    <form method="post" action={`${props.selfHref}/build`}>
                      <CsrfField token={props.staff.csrfToken} />
                      <input type="hidden" name="document" value={d.ref.kind} />
                      {d.ref.fiscalYear !== null ? <input type="hidden" name="fiscalYear" value={String(d.ref.fiscalYear)} /> : null}
                      <input type="hidden" name="draft" value={d.ref.draft ? "1" : "0"} />
                      <button type="submit" class="button button-small">
                        {d.build ? "作り直す" : "作成する"}
                        <span class="visually-hidden">（{d.title}）</span>
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </StaffPage>
  );
}
