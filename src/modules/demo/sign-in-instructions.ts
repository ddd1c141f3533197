/** What `npm start -- --demo` prints: where to sign in, as whom, and how to pass the second factor. */
import { ROLE_LABELS, twoFactorRoleNames } from "../tenancy/roles.ts";
import type { LoadDemoResult } from "./load-demo.ts";

export function signInInstructions(result: Extract<LoadDemoResult, { ok: true }>, siteUrl: string): string {
  const { lgCode, name } = result.municipality;
  const lines = [
    result.loaded
      ? `${name}（${lgCode}）にデモ用のサンプルデータ（2022〜2024年度の自己評価と、役割ごとの利用者）を読み込みました。`
      : `${name}（${lgCode}）のデモ用のサンプルデータは読み込み済みです（何も変更していません）。`,
    "すべてのページに、サンプルデータであることを表示します。",
    "",
    `職員用のサインイン: ${siteUrl}/${lgCode}/staff/sign-in`,
    `市民向けの評価結果: ${siteUrl}/${lgCode}/results`,
    "",
    ...result.accounts.map(
      (a) =>
        `  ${ROLE_LABELS[a.role]}${a.division && !ROLE_LABELS[a.role].includes(a.division) ? `（${a.division}）` : ""}: ログインID ${a.loginId}  パスワード ${a.password}${a.twoFactor ? "  ※二要素認証あり" : ""}`,
    ),
    "",
    `※二要素認証あり: ${twoFactorRoleNames()}は、初回サインイン時に認証アプリの登録が必要です。`,
    "  登録ページのQRコードを認証アプリ（Google Authenticator などTOTP対応のもの）で読み取るか、表示される秘密鍵を入力し、",
    "  表示される6桁のコードを入力してください。コマンドでは `oathtool --totp -b 秘密鍵（空白を除く）` でも求められます。",
  ];
  return lines.join("\n");
}
