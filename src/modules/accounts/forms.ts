/**
 * The Zod schemas of the accounts forms, beside their routes. Messages are
 * addressed to the person filling in the form.
 */
import { z } from "zod";
import { ROLES } from "../tenancy/roles.ts";
import { LOGIN_ID_PATTERN } from "./domain/sign-in-policy.ts";

// Ten times the longest password we accept: enough for any real one, not a CPU attack.
const MAX_SUBMITTED_PASSWORD = 2560;

export const signInForm = z.object({
  loginId: z
    .string({ error: "ログインIDを入力してください" })
    .trim()
    .min(1, { error: "ログインIDを入力してください" })
    .max(200, { error: "ログインIDが長すぎます" }),
  password: z
    .string({ error: "パスワードを入力してください" })
    .min(1, { error: "パスワードを入力してください" })
    .max(MAX_SUBMITTED_PASSWORD, { error: "パスワードが長すぎます" }),
});

export const codeForm = z.object({
  code: z
    .string({ error: "確認コードを入力してください" })
    // Full-width digits typed with a Japanese input method count as digits.
    .transform((s) => s.normalize("NFKC").replace(/[\s-]/g, ""))
    .pipe(
      z
        .string()
        .min(1, { error: "確認コードを入力してください" })
        .regex(/^\d{6}$/, { error: "確認コードは6桁の数字で入力してください" }),
    ),
});

const password = (message: string) =>
  z.string({ error: message }).min(1, { error: message }).max(MAX_SUBMITTED_PASSWORD, { error: "パスワードが長すぎます" });

export const passwordForm = z.object({
  currentPassword: password("現在のパスワードを入力してください"),
  newPassword: password("新しいパスワードを入力してください"),
  confirmation: password("確認のため、新しいパスワードをもう一度入力してください"),
});

/** The new secret a replacement page showed: 32 base32 characters (160 bits, as generated), possibly grouped. */
export const shownSecret = z
  .string()
  .transform((v) => v.replace(/\s/g, "").toUpperCase())
  .pipe(z.string().regex(/^[A-Z2-7]{32}$/, { error: "設定キーが正しくありません。このページを開き直してください" }))
  .optional();

/** Enrolling an authenticator app: the first code, the password again (when the account has one), the new secret when replacing. */
export function enrolmentForm(asksPassword: boolean) {
  return codeForm.extend({
    currentPassword: asksPassword ? password("確認のため、現在のパスワードを入力してください") : z.string().optional().transform(() => ""),
    secret: shownSecret,
  });
}

export const newUserForm = z.object({
  loginId: z
    .string({ error: "ログインIDを入力してください" })
    .trim()
    .min(1, { error: "ログインIDを入力してください" })
    .regex(LOGIN_ID_PATTERN, { error: "ログインIDは半角英数字と . _ - で3〜64文字（先頭は英数字）にしてください" }),
  displayName: z
    .string({ error: "氏名を入力してください" })
    .trim()
    .min(1, { error: "氏名を入力してください" })
    .max(100, { error: "氏名は100文字以内にしてください" }),
  email: z
    .string()
    .trim()
    .max(254, { error: "メールアドレスが長すぎます" })
    .refine((v) => v === "" || z.email().safeParse(v).success, { error: "メールアドレスの形式が正しくありません（例: taro@example.lg.jp）" })
    .transform((v) => (v === "" ? null : v)),
  divisionId: z
    .string()
    .regex(/^\d{0,9}$/, { error: "所属を一覧から選んでください" })
    .transform((v) => (v === "" ? null : Number(v))),
  roles: z
    .array(z.enum(ROLES, { error: "役割を一覧から選んでください" }))
    .min(1, { error: "役割を1つ以上選んでください" }),
});

export const rolesForm = z.object({
  roles: z.array(z.enum(ROLES, { error: "役割を一覧から選んでください" })),
});
