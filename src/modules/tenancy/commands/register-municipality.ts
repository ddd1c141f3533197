/**
 * registerMunicipality: a prefecture administrator adds a municipality of
 * their prefecture to the instance (decision 037). The code must be a valid
 * 全国地方公共団体コード (check digit) whose first two digits are the
 * prefecture's; a code already registered is refused and nothing changes.
 * The audit record is the municipality's own first record, so it opens the
 * municipality's audit trail, with the prefecture administrator as actor.
 */
import { recordAudit, type AuditActor } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import type { FieldError } from "../../../core/http/form.ts";
import { isValidLgCode } from "../../../core/lg-code.ts";
import type { Prefecture } from "../prefectures.ts";
import { insertMunicipality } from "../repository/municipality-writes.ts";

export const MUNICIPALITY_FIELDS = { lgCode: "lg-code", name: "municipality-name" } as const;

export type RegisterMunicipalityResult = { ok: true; municipalityId: number } | { ok: false; errors: FieldError[] };

/** The code's own problems, in Japanese, before any database work. */
export function lgCodeProblem(lgCode: string, prefecture: Prefecture): string | undefined {
  if (!/^[0-9]{6}$/.test(lgCode)) return "全国地方公共団体コードは6桁の数字で入力してください（例: 徳島市は362018）";
  if (!isValidLgCode(lgCode)) return `全国地方公共団体コード「${lgCode}」の末尾の検査数字が合いません。コードを確かめてください`;
  if (!lgCode.startsWith(prefecture.code)) {
    return `全国地方公共団体コード「${lgCode}」は${prefecture.name}の団体ではありません（${prefecture.name}の団体は「${prefecture.code}」で始まります）`;
  }
  return undefined;
}

export async function registerMunicipality(
  db: Database,
  context: { prefecture: Prefecture; actor: AuditActor; ip: string | null },
  input: { lgCode: string; name: string },
): Promise<RegisterMunicipalityResult> {
  const problem = lgCodeProblem(input.lgCode, context.prefecture);
  if (problem) return { ok: false, errors: [{ field: MUNICIPALITY_FIELDS.lgCode, message: problem }] };
  return db.transaction(async (tx) => {
    const id = await insertMunicipality(tx, { ...input, prefectureName: context.prefecture.name });
    if (id === undefined) {
      return { ok: false, errors: [{ field: MUNICIPALITY_FIELDS.lgCode, message: `全国地方公共団体コード「${input.lgCode}」の団体は既に登録されています` }] };
    }
    // The audit record names the new municipality, so it is written once the row exists, in the same transaction.
    await recordAudit(tx, {
      municipalityId: id,
      actor: context.actor,
      ip: context.ip,
      action: "municipality.register",
      entityType: "municipality",
      entityId: id,
      after: { lgCode: input.lgCode, name: input.name, prefecture: context.prefecture.code },
    });
    return { ok: true, municipalityId: id };
  });
}
