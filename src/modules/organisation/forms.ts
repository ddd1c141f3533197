/**
 * The Zod schemas of the organisation forms, beside their routes. Names are
 * folded (NFKC, spaces) before they are checked, so 「デジタル推進課 」 and
 * 「デジタル推進課」 are one name.
 */
import { z } from "zod";
import { normaliseName } from "./organisation.ts";

const name = (what: string) =>
  z
    .string({ error: `${what}の名称を入力してください` })
    .transform(normaliseName)
    .pipe(
      z
        .string()
        .min(1, { error: `${what}の名称を入力してください` })
        .max(100, { error: `${what}の名称は100文字以内にしてください` }),
    );

/** A choice from a select: "" is none. */
const optionalId = (message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{0,9}$/, { error: message })
    .transform((v) => (v === "" ? null : Number(v)));

export const bureauForm = z.object({ name: name("部局") });

export const divisionForm = z.object({ name: name("課"), bureauId: optionalId("部局を一覧から選んでください") });

export const renameDivisionForm = z.object({ name: name("課") });

export const divisionBureauForm = z.object({ bureauId: optionalId("部局を一覧から選んでください") });

export const memberForm = z.object({
  userId: z
    .string({ error: "職員を一覧から選んでください" })
    .regex(/^\d{1,9}$/, { error: "職員を一覧から選んでください" })
    .transform(Number),
});

/** Input ids, which the error summary links to. */
export const ORGANISATION_FIELDS = {
  bureauName: "bureau-name",
  divisionName: "division-name",
  divisionBureau: "division-bureau",
  rename: "rename",
  bureau: "bureau",
  member: "member",
  delete: "delete",
} as const;
