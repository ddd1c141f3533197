/**
 * The profile form: every field optional (a blank line is left out of the
 * footer), but what is given must be well-formed — a Japanese phone number
 * with hyphens, an e-mail address, an http(s) address, a date or a month.
 */
import { z } from "zod";

const blankToNull = (v: string) => (v === "" ? null : v);
const trimmed = (max: number, label: string) =>
  z
    .string()
    .default("")
    .transform((v) => v.normalize("NFKC").trim())
    .pipe(z.string().max(max, { error: `${label}は${max}文字以内にしてください` }));

/** 「０８８－６２１－５１１１」 → "088-621-5111". */
const phone = z
  .string()
  .default("")
  .transform((v) => v.normalize("NFKC").trim().replace(/[‐－―ー−]/g, "-"))
  .pipe(z.string().refine((v) => v === "" || /^0\d{1,4}-\d{1,4}-\d{3,4}$/.test(v), { error: "電話番号は 088-621-5111 のように、市外局番からハイフンで区切って入力してください" }))
  .transform(blankToNull);

const email = trimmed(254, "メールアドレス")
  .pipe(z.string().refine((v) => v === "" || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), { error: "メールアドレスは digital@city.example.lg.jp のように入力してください" }))
  .transform(blankToNull);

const siteUrl = trimmed(500, "ホームページのアドレス")
  .pipe(
    z.string().refine(
      (v) => {
        if (v === "") return true;
        try {
          const url = new URL(v);
          return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
        } catch {
          return false;
        }
      },
      { error: "ホームページのアドレスは https:// から始まる形で入力してください（例: https://www.city.tokushima.tokushima.jp/）" },
    ),
  )
  .transform(blankToNull);

/** 「2022-03-31」「2022/3/31」「2022年3月」 → "2022-03-31" / "2022-03". */
const adoptedOn = z
  .string()
  .default("")
  .transform((v) => {
    const s = v.normalize("NFKC").trim();
    const m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?$/.exec(s);
    return m ? `${m[1]}-${m[2]!.padStart(2, "0")}${m[3] ? `-${m[3].padStart(2, "0")}` : ""}` : s;
  })
  .pipe(
    z.string().refine(
      (v) => {
        if (v === "") return true;
        const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v);
        if (!m) return false;
        const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1];
        const date = new Date(Date.UTC(y, mo - 1, d));
        return y >= 1989 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
      },
      { error: "計画の策定日は 2022-03-31 のように年・月・日で（日が不明なら 2022-03 のように年・月で）入力してください" },
    ),
  )
  .transform(blankToNull);

export const profileForm = z.object({
  division: trimmed(100, "担当課").transform(blankToNull),
  phone,
  email,
  address: trimmed(200, "所在地").transform(blankToNull),
  siteUrl,
  planAdoptedOn: adoptedOn,
});

export const PROFILE_FIELD_IDS: Record<string, string> = {
  division: "profile-division",
  phone: "profile-phone",
  email: "profile-email",
  address: "profile-address",
  siteUrl: "profile-site-url",
  planAdoptedOn: "profile-adopted-on",
};

export type ProfileValues = { division: string; phone: string; email: string; address: string; siteUrl: string; planAdoptedOn: string };
