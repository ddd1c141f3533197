/**
 * The sample frame as uploaded: an identifier from the resident register
 * extract and the stratum attributes used for weighting and response rates
 * (年齢区分・性別・地区) — nothing else (decision 029). A name, an address
 * or a date of birth has no column here and is refused, so that the product
 * never holds them. Every problem is found at once, with its line and column.
 */
import { readCsvUpload, type CsvRecord } from "../../../../core/csv/read-csv-upload.ts";
import { attributeQuestion, type RespondentAttribute, type SurveyDefinition } from "../../domain/definition.ts";

export const FRAME_ID_COLUMN = "識別番号";
export const STRATUM_COLUMNS = { age_band: "年齢区分", sex: "性別", area: "地区" } as const satisfies Partial<Record<RespondentAttribute, string>>;
export type StratumAttribute = keyof typeof STRATUM_COLUMNS;
export const STRATUM_ATTRIBUTES = Object.keys(STRATUM_COLUMNS) as StratumAttribute[];
export const MAX_FRAME_ROWS = 20_000;

export type FrameMember = { line: number; frameId: string; stratum: Record<StratumAttribute, string | null> };

const FRAME_ID = /^[0-9A-Za-z_-]{1,32}$/;

export function readSampleFrame(bytes: Uint8Array, definition: SurveyDefinition): { ok: true; members: FrameMember[] } | { ok: false; messages: string[] } {
  const upload = readCsvUpload(bytes, { required: [FRAME_ID_COLUMN], optional: Object.values(STRATUM_COLUMNS), maxRecords: MAX_FRAME_ROWS });
  if (!upload.ok) {
    const refusedColumn = upload.messages.some((m) => m.includes("使えない列"));
    return {
      ok: false,
      messages: refusedColumn
        ? [...upload.messages, "氏名・住所・生年月日などの個人情報は取り込みません。宛名との照合は識別番号で行います。"]
        : upload.messages,
    };
  }
  const columnNo = new Map(upload.header.map((column, i) => [column, i + 1]));
  const messages: string[] = [];
  // The attribute's accepted values: the option's code or its label, as the register extract may use either.
  const accepted = new Map<StratumAttribute, Map<string, string>>();
  for (const attribute of STRATUM_ATTRIBUTES) {
    if (!columnNo.has(STRATUM_COLUMNS[attribute])) continue;
    const question = attributeQuestion(definition, attribute);
    if (!question) {
      messages.push(`1行目${columnNo.get(STRATUM_COLUMNS[attribute])}列目: 調査票に「${STRATUM_COLUMNS[attribute]}」の回答者属性の設問がありません。先に調査票に設問を加えてください。`);
      continue;
    }
    accepted.set(attribute, new Map(question.options.flatMap((o) => [[o.code, o.code] as const, [o.label, o.code] as const])));
  }
  if (messages.length > 0) return { ok: false, messages };

  const members: FrameMember[] = [];
  const firstLine = new Map<string, number>();
  for (const record of upload.records) {
    const member = readMember(record, columnNo, accepted, messages);
    if (!member) continue;
    const earlier = firstLine.get(member.frameId);
    if (earlier !== undefined) {
      messages.push(`${record.line}行目${columnNo.get(FRAME_ID_COLUMN)}列目: 識別番号「${member.frameId}」は${earlier}行目と重複しています。`);
      continue;
    }
    firstLine.set(member.frameId, record.line);
    members.push(member);
  }
  if (members.length === 0 && messages.length === 0) messages.push("データの行がありません。2行目から1人1行で書いてください。");
  return messages.length > 0 ? { ok: false, messages } : { ok: true, members };
}

function readMember(record: CsvRecord, columnNo: Map<string, number>, accepted: Map<StratumAttribute, Map<string, string>>, messages: string[]): FrameMember | undefined {
  let ok = true;
  const frameId = record.values[FRAME_ID_COLUMN]!;
  if (!FRAME_ID.test(frameId)) {
    messages.push(`${record.line}行目${columnNo.get(FRAME_ID_COLUMN)}列目: 識別番号「${frameId}」は半角英数字（- と _ も可）32文字以内で書いてください。`);
    ok = false;
  }
  const stratum = { age_band: null, sex: null, area: null } as Record<StratumAttribute, string | null>;
  for (const [attribute, values] of accepted) {
    const column = STRATUM_COLUMNS[attribute];
    const typed = record.values[column]!;
    const code = values.get(typed);
    if (code === undefined) {
      const choices = [...new Set(values.values())].join("、");
      messages.push(`${record.line}行目${columnNo.get(column)}列目: ${column}「${typed}」は調査票の選択肢にありません（使えるコード: ${choices}）。`);
      ok = false;
    } else stratum[attribute] = code;
  }
  return ok ? { line: record.line, frameId, stratum } : undefined;
}
