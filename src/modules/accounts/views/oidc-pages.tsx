/**
 * What a person sees when sign-in through the municipality's identity
 * provider does not end in a session. The page says what they can do; the
 * precise reason is in the audit log (docs/decisions/012-oidc.md).
 */
import type { Municipality } from "../../tenancy/municipality.ts";
import type { OidcFailure } from "../domain/oidc-policy.ts";
import { staffBase } from "../staff-area.ts";
import { StaffPage } from "./staff-page.tsx";

type Refusal = { status: 400 | 403 | 502 | 503; title: string; message: string };

const NOT_REGISTERED: Refusal = {
  status: 403,
  title: "サインインできません",
  message: "この職員アカウントは登録されていません。管理者にお問い合わせください",
};

const START_AGAIN: Refusal = {
  status: 400,
  title: "サインインできませんでした",
  message: "サインインの手続きを確認できませんでした（時間が経ちすぎたか、別の画面から操作された可能性があります）。もう一度サインインしてください。",
};

export const OIDC_REFUSALS: Record<OidcFailure, Refusal> = {
  no_attempt: START_AGAIN,
  expired: START_AGAIN,
  state_mismatch: START_AGAIN,
  issuer_mismatch: START_AGAIN,
  wrong_municipality: START_AGAIN,
  provider_error: {
    status: 400,
    title: "サインインできませんでした",
    message: "庁内の認証基盤でのサインインが完了しませんでした。もう一度お試しください。",
  },
  invalid_response: {
    status: 502,
    title: "サインインできませんでした",
    message: "庁内の認証基盤からの応答を確認できませんでした。もう一度お試しいただき、続く場合は管理者にお問い合わせください。",
  },
  unavailable: {
    status: 503,
    title: "庁内の認証基盤に接続できません",
    message: "時間をおいてもう一度お試しいただくか、ログインIDとパスワードでサインインしてください。",
  },
  unknown_subject: NOT_REGISTERED,
  ambiguous_email: NOT_REGISTERED,
  disabled: {
    status: 403,
    title: "サインインできません",
    message: "この職員アカウントは利用できません。管理者にお問い合わせください",
  },
};

export function OidcRefusedPage(props: { municipality: Municipality; refusal: Refusal }) {
  return (
    <StaffPage municipality={props.municipality} title={props.refusal.title}>
      <h1>{props.refusal.title}</h1>
      <p>{props.refusal.message}</p>
      <p>
        <a href={`${staffBase(props.municipality)}/sign-in`}>サインインのページへ戻る</a>
      </p>
    </StaffPage>
  );
}
