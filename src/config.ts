/**
 * Settings come from the environment (documented in the README). A bad
 * setting stops start-up with a message naming the variable and the reason,
 * instead of surfacing later as an odd failure.
 */
import { resolve } from "node:path";
import { z } from "zod";
import { COOKIE_SECURE_MODES, type CookieSecure } from "./core/http/request-scheme.ts";
import { isValidLgCode } from "./core/lg-code.ts";

export const LICENSES = {
  "pdl-1.0": {
    id: "pdl-1.0",
    title: "公共データ利用規約（第1.0版）",
    url: "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
    note: "クリエイティブ・コモンズ・ライセンス 表示 4.0 国際（CC BY 4.0）と互換性があります。",
  },
  "cc-by-4.0": {
    id: "cc-by-4.0",
    title: "クリエイティブ・コモンズ・ライセンス 表示 4.0 国際（CC BY 4.0）",
    url: "https://creativecommons.org/licenses/by/4.0/legalcode.ja",
    note: "出典を表示すれば、複製・加工・再配布・商用利用ができます。",
  },
} as const;

export type License = (typeof LICENSES)[keyof typeof LICENSES];

export type Config = {
  port: number;
  host: string;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (sign-in throttling, audit). */
  trustProxy: boolean;
  /**
   * The session cookie's Secure attribute. auto: when the page was served
   * over HTTPS (behind a trusted proxy, by its X-Forwarded-Proto); always;
   * never (plain-HTTP development only).
   */
  cookieSecure: CookieSecure;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The public address, used in absolute links of the APIs (CKAN, OpenAPI). */
  siteUrl: string | undefined;
  license: License;
  /**
   * outbox: mail is kept in the outbox (shown to the secretariat), never sent — development and demos.
   * smtp: the dispatcher sends the outbox through SMTP_URL.
   */
  mail: { mode: "outbox" } | { mode: "smtp"; url: string; from: string; intervalSeconds: number };
  /** The plan file loaded into an empty database at first start; undefined = none. */
  bootstrapPlan: { file: string; lgCode: string; name: string } | undefined;
  /**
   * Staff sign-in through a municipality's OpenID Connect provider, one entry
   * per municipality that has one. Empty: password sign-in only. The OIDC_*
   * variables describe one today; the list leaves room for one per municipality.
   */
  oidcProviders: OidcProviderConfig[];
  /** Days before a cycle's report deadline on which divisions with unsubmitted reports are reminded (REMINDER_DAYS). */
  reminderDays: number[];
};

export type OidcProviderConfig = {
  /** The municipality whose staff sign in through this provider. */
  lgCode: string;
  /** The issuer identifier; its /.well-known/openid-configuration is read on first use. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: {redirectBase}/{lgCode}/staff/sign-in/oidc/callback. */
  redirectBase: string;
};

const DEFAULT_PLAN = "plan-data/362018-dx-2022.yaml";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** https, or http on this machine only (a provider or proxy on loopback: development and tests). */
const secureUrl = z
  .url({ error: "https:// で始まるURLを指定してください（http:// はループバック（localhost、127.0.0.1）のみ）", protocol: /^https?$/ })
  .refine((u) => u.startsWith("https:") || LOOPBACK_HOSTS.has(new URL(u).hostname), {
    error: "https:// で始まるURLを指定してください（http:// はループバック（localhost、127.0.0.1）のみ）",
  });

/** All of these, or none: a partial set would leave a sign-in button that cannot work. */
const OIDC_REQUIRED = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_LG_CODE"] as const;

const schema = z.object({
  PORT: z
    .string()
    .regex(/^\d+$/, { error: "1〜65535 の整数で指定してください" })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65535, { error: "1〜65535 の整数で指定してください" })
    .default(3000),
  HOST: z.string().min(1, { error: "空にはできません" }).default("127.0.0.1"),
  TRUST_PROXY: z
    .enum(["true", "false"], { error: "true または false を指定してください" })
    .transform((v) => v === "true")
    .default(false),
  COOKIE_SECURE: z
    .enum(COOKIE_SECURE_MODES, { error: "auto、always、never のいずれかを指定してください" })
    .default("auto"),
  DATA_DIR: z.string().min(1, { error: "空にはできません" }).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "postgres:// または postgresql:// で始まる接続文字列を指定してください" })
    .optional(),
  SITE_URL: z.url({ error: "http:// または https:// で始まるURLを指定してください", protocol: /^https?$/ }).optional(),
  OPEN_DATA_LICENSE: z
    .enum(["pdl-1.0", "cc-by-4.0"], { error: "pdl-1.0 または cc-by-4.0 を指定してください" })
    .default("pdl-1.0"),
  MAIL_MODE: z.enum(["outbox", "smtp"], { error: "outbox または smtp を指定してください" }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: "smtp:// または smtps:// で始まるURLを指定してください（例: smtp://user:pass@mail.example.lg.jp:587）" })
    .optional(),
  MAIL_FROM: z.email({ error: "送信元のメールアドレスを指定してください" }).optional(),
  MAIL_INTERVAL_SECONDS: z.coerce
    .number({ error: "秒数を数字で指定してください" })
    .int({ error: "秒数を整数で指定してください" })
    .min(1, { error: "1〜3600 秒で指定してください" })
    .max(3600, { error: "1〜3600 秒で指定してください" })
    .default(30),
  BOOTSTRAP_PLAN: z.string().min(1, { error: "空にはできません（読み込まない場合は none）" }).default(DEFAULT_PLAN),
  BOOTSTRAP_LG_CODE: z
    .string()
    .refine(isValidLgCode, { error: "6桁の全国地方公共団体コード（検査数字を含む）を指定してください" })
    .default("362018"),
  BOOTSTRAP_MUNICIPALITY_NAME: z.string().min(1, { error: "空にはできません" }).default("徳島市"),
  OIDC_ISSUER: secureUrl.optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_LG_CODE: z
    .string()
    .refine(isValidLgCode, { error: "6桁の全国地方公共団体コード（検査数字を含む）を指定してください" })
    .optional(),
  OIDC_REDIRECT_BASE: secureUrl.optional(),
  REMINDER_DAYS: z
    .string()
    .regex(/^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$/, { error: "提出期限の何日前に知らせるかを、0以上の日数のカンマ区切りで指定してください（例: 7,1）" })
    .transform((v) => [...new Set(v.split(",").map((d) => Number(d.trim())))])
    .default([7, 1]),
});

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty variables count as unset, the way shells and .env files often leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`設定に誤りがあるため起動できません。\n${lines.join("\n")}`);
  }
  const s = parsed.data;
  const mailMode = s.MAIL_MODE ?? (s.SMTP_URL ? "smtp" : "outbox");
  if (mailMode === "smtp" && (!s.SMTP_URL || !s.MAIL_FROM)) {
    throw new ConfigError(
      `設定に誤りがあるため起動できません。\n- ${!s.SMTP_URL ? "SMTP_URL" : "MAIL_FROM"}: メールを送信する（MAIL_MODE=smtp）には SMTP_URL と MAIL_FROM の両方が必要です`,
    );
  }
  const oidcProviders = oidcProvidersOf(s);
  return {
    port: s.PORT,
    host: s.HOST,
    trustProxy: s.TRUST_PROXY,
    cookieSecure: s.COOKIE_SECURE,
    dataDir: resolve(s.DATA_DIR),
    databaseUrl: s.DATABASE_URL,
    siteUrl: s.SITE_URL?.replace(/\/$/, ""),
    license: LICENSES[s.OPEN_DATA_LICENSE],
    mail: mailMode === "smtp" ? { mode: "smtp", url: s.SMTP_URL!, from: s.MAIL_FROM!, intervalSeconds: s.MAIL_INTERVAL_SECONDS } : { mode: "outbox" },
    bootstrapPlan:
      s.BOOTSTRAP_PLAN === "none"
        ? undefined
        : { file: resolve(s.BOOTSTRAP_PLAN), lgCode: s.BOOTSTRAP_LG_CODE, name: s.BOOTSTRAP_MUNICIPALITY_NAME },
    oidcProviders,
    reminderDays: s.REMINDER_DAYS,
  };
}

function oidcProvidersOf(s: z.infer<typeof schema>): OidcProviderConfig[] {
  const given = OIDC_REQUIRED.filter((name) => s[name] !== undefined);
  if (given.length === 0 && s.OIDC_REDIRECT_BASE === undefined) return [];
  const lines = OIDC_REQUIRED.filter((name) => s[name] === undefined).map(
    (name) =>
      `- ${name}: 庁内の認証基盤（OIDC）でのサインインには ${OIDC_REQUIRED.join("、")} のすべてが必要です（使わない場合はすべて未設定にしてください）`,
  );
  const redirectBase = s.OIDC_REDIRECT_BASE ?? s.SITE_URL;
  if (redirectBase === undefined) {
    lines.push("- OIDC_REDIRECT_BASE: 認証基盤から戻るURLの基点（例: https://dx.city.example.lg.jp）を指定するか、SITE_URL を設定してください");
  } else if (s.OIDC_REDIRECT_BASE === undefined && !secureUrl.safeParse(redirectBase).success) {
    lines.push("- SITE_URL: 認証基盤から戻るURLの基点に使うため https:// で始まるURLにするか、OIDC_REDIRECT_BASE を指定してください（http:// はループバックのみ）");
  }
  if (lines.length > 0) throw new ConfigError(`設定に誤りがあるため起動できません。\n${lines.join("\n")}`);
  return [
    {
      lgCode: s.OIDC_LG_CODE!,
      issuer: s.OIDC_ISSUER!,
      clientId: s.OIDC_CLIENT_ID!,
      clientSecret: s.OIDC_CLIENT_SECRET!,
      redirectBase: redirectBase!.replace(/\/$/, ""),
    },
  ];
}
