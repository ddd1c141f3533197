/**
 * The top of the report page: what happens next and who takes the step
 * (domain/tasks.ts nextStep), the reason of a return where the report was
 * returned (not only in the history far below), and the people a step's
 * mail could not reach because they have no address.
 */
import type { ReportEvent } from "../cycle.ts";
import { japanDateTimeLabel } from "../domain/deadlines.ts";

export function NextStep(props: { next: { mine: boolean; text: string } }) {
  return (
    <div class="next-step" id="next-step">
      <h2>次の手順</h2>
      <p>
        {props.next.mine ? <strong>あなたの番です。</strong> : null}
        {props.next.text}
      </p>
    </div>
  );
}

/** The latest return, shown first on a returned report. */
export function ReturnReason(props: { event: ReportEvent }) {
  const e = props.event;
  return (
    <div class="notice return-reason" id="return-reason">
      <h2>差戻しの理由</h2>
      <p>
        {e.actorLabel}が{japanDateTimeLabel(e.at)}に差し戻しました。
      </p>
      <blockquote>
        <p class="preserve-lines">{e.comment ?? "（理由の記載なし）"}</p>
      </blockquote>
    </div>
  );
}

export function UnmailedNotice(props: { names: string[] }) {
  if (props.names.length === 0) return null;
  return (
    <div class="notice" role="status" id="unmailed">
      <p>
        メールアドレスが登録されていないため、次の{props.names.length}名にはお知らせのメールを送れませんでした: {props.names.join("、")}。
        直接お伝えいただくか、システム管理者にメールアドレスの登録を依頼してください。
      </p>
    </div>
  );
}
