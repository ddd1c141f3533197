/**
 * Setting a municipality up: registering it, importing its plan file, and
 * creating its first administrator (whose temporary password is shown once,
 * as the accounts lifecycle does, decision 027).
 */
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { CsrfField, ErrorSummary, FieldMessage, TextField } from "../../../../core/views/forms.tsx";
import { prefectureStaffBase } from "../../../accounts/prefecture-area.ts";
import type { PrefectureAdmin } from "../../../accounts/user.ts";
import { PrefectureStaffPage } from "../../../accounts/views/prefecture-staff-page.tsx";
import { MAX_PLAN_FILE_BYTES } from "../../../plan/read-plan-file.ts";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { Prefecture } from "../../../tenancy/prefectures.ts";
import { MUNICIPALITY_FIELDS } from "../../../tenancy/commands/register-municipality.ts";
import { ADMINISTRATOR_FIELDS } from "../forms.ts";
import { TemporaryPasswordNotice, TemporaryPasswordRow } from "../../../accounts/views/temporary-password.tsx";

type Signed = { prefecture: Prefecture; admin: PrefectureAdmin; csrfToken: string };

const frame = (p: Signed) => ({ prefecture: p.prefecture, signedIn: { admin: p.admin, csrfToken: p.csrfToken, ready: true } });

export function NewMunicipalityPage(props: Signed & { values?: { lgCode?: string; name?: string }; errors?: FieldError[] }) {
  const errors = props.errors ?? [];
  return (
    <PrefectureStaffPage {...frame(props)} title="市町村の登録" errors={errors} section="new" trail={[]}>
      <ErrorSummary errors={errors} />
      <h1>市町村の登録</h1>
      <p>{props.prefecture.name}の市町村を、このシステムに登録します。登録の後で、計画ファイルの読み込みと最初のシステム管理者の作成を行います。</p>
      <form method="post" action={`${prefectureStaffBase(props.prefecture)}/municipalities/new`} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          id={MUNICIPALITY_FIELDS.lgCode}
          name="lgCode"
          label="全国地方公共団体コード（6桁）"
          hint={`検査数字を含む6桁です。${props.prefecture.name}の団体は「${props.prefecture.code}」で始まります。`}
          value={props.values?.lgCode}
          error={errorFor(errors, MUNICIPALITY_FIELDS.lgCode)}
          inputmode="numeric"
          spellcheck={false}
          maxlength={20}
          required
        />
        <TextField id={MUNICIPALITY_FIELDS.name} name="name" label="団体名" hint="例: 鳴門市" value={props.values?.name} error={errorFor(errors, MUNICIPALITY_FIELDS.name)} maxlength={100} required />
        <button type="submit" class="button">
          登録する
        </button>
      </form>
    </PrefectureStaffPage>
  );
}

export const PLAN_FILE_ID = "plan-file";

export function PlanImportPage(props: Signed & { municipality: Municipality; problems?: string[] }) {
  const problems = props.problems ?? [];
  const errors = problems.length > 0 ? [{ field: PLAN_FILE_ID, message: problems[0]! }] : [];
  const limit = `${MAX_PLAN_FILE_BYTES / 1024 / 1024}MB`;
  return (
    <PrefectureStaffPage {...frame(props)} title={`${props.municipality.name}の計画ファイルの読み込み`} errors={errors} trail={[]}>
      <ErrorSummary errors={errors} />
      <h1>{props.municipality.name}の計画ファイルの読み込み</h1>
      {problems.length > 1 ? (
        <div class="problem-list">
          <h2>計画ファイルの問題（{problems.length}件）</h2>
          <ul>
            {problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>計画ファイル（YAML または JSON、UTF-8）を選んで読み込みます。読み込んだ計画は第1版として公開ページに表示されます。問題があるファイルは読み込まず、何も変更しません。</p>
      <form method="post" action={`${prefectureStaffBase(props.prefecture)}/municipalities/${props.municipality.lgCode}/plan`} enctype="multipart/form-data">
        <CsrfField token={props.csrfToken} />
        <div class={errors.length > 0 ? "form-field form-field-error" : "form-field"}>
          <label for={PLAN_FILE_ID}>計画ファイル</label>
          <p id={`${PLAN_FILE_ID}-hint`} class="hint">
            .yaml、.yml または .json（{limit}まで）
          </p>
          <FieldMessage id={`${PLAN_FILE_ID}-error`} message={errors[0]?.message} />
          <input
            type="file"
            id={PLAN_FILE_ID}
            name="file"
            accept=".yaml,.yml,.json"
            aria-describedby={errors.length > 0 ? `${PLAN_FILE_ID}-hint ${PLAN_FILE_ID}-error` : `${PLAN_FILE_ID}-hint`}
            aria-invalid={errors.length > 0 ? "true" : undefined}
          />
        </div>
        <button type="submit" class="button">
          読み込む
        </button>
      </form>
    </PrefectureStaffPage>
  );
}

export function FirstAdministratorPage(props: Signed & { municipality: Municipality; values?: Record<string, string | undefined>; errors?: FieldError[] }) {
  const errors = props.errors ?? [];
  const v = props.values ?? {};
  return (
    <PrefectureStaffPage {...frame(props)} title={`${props.municipality.name}の最初のシステム管理者`} errors={errors} trail={[]}>
      <ErrorSummary errors={errors} />
      <h1>{props.municipality.name}の最初のシステム管理者</h1>
      <p>
        {props.municipality.name}の職員アカウントを管理するシステム管理者を作成します。作成後のアカウントの管理（職員の追加など）は{props.municipality.name}が行い、都道府県管理者は{props.municipality.name}の職員用ページを利用できません。
      </p>
      <form method="post" action={`${prefectureStaffBase(props.prefecture)}/municipalities/${props.municipality.lgCode}/administrator`} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField id={ADMINISTRATOR_FIELDS.loginId} name="loginId" label="ログインID" hint="半角英数字と . _ - で3〜64文字" value={v.loginId} error={errorFor(errors, ADMINISTRATOR_FIELDS.loginId)} spellcheck={false} maxlength={64} autocomplete="off" required />
        <TextField id={ADMINISTRATOR_FIELDS.displayName} name="displayName" label="氏名" value={v.displayName} error={errorFor(errors, ADMINISTRATOR_FIELDS.displayName)} maxlength={100} required />
        <TextField id={ADMINISTRATOR_FIELDS.email} name="email" label="メールアドレス（任意）" type="email" value={v.email} error={errorFor(errors, ADMINISTRATOR_FIELDS.email)} maxlength={254} autocomplete="off" />
        <button type="submit" class="button">
          作成する
        </button>
      </form>
    </PrefectureStaffPage>
  );
}

export function FirstAdministratorCreatedPage(props: Signed & { municipality: Municipality; loginId: string; displayName: string; temporaryPassword: string }) {
  return (
    <PrefectureStaffPage {...frame(props)} title="システム管理者を作成しました" trail={[]}>
      <h1>システム管理者を作成しました</h1>
      <dl class="summary-list">
        <div>
          <dt>団体</dt>
          <dd>
            {props.municipality.name}（{props.municipality.lgCode}）
          </dd>
        </div>
        <div>
          <dt>ログインID</dt>
          <dd>{props.loginId}</dd>
        </div>
        <div>
          <dt>氏名</dt>
          <dd>{props.displayName}</dd>
        </div>
        <TemporaryPasswordRow password={props.temporaryPassword} />
      </dl>
      <TemporaryPasswordNotice />
      <p>
        本人は <code>/{props.municipality.lgCode}/staff/sign-in</code> でサインインし、二要素認証を設定してパスワードを変更します。
      </p>
      <p>
        <a href={prefectureStaffBase(props.prefecture)}>市町村の一覧へ</a>
      </p>
    </PrefectureStaffPage>
  );
}
