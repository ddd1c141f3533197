/**
 * The 47 prefectures (都道府県コード, JIS X 0401). A municipality belongs to
 * the prefecture named by the first two digits of its 全国地方公共団体コード
 * (362018 徳島市 → 36 徳島県), so the prefecture's view needs no table of
 * its own: it is every hosted municipality whose code starts with those digits.
 */
const NAMES = [
  "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
  "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
  "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
  "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
  "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
] as const;

export type Prefecture = { code: string; name: string };

export const PREFECTURES: readonly Prefecture[] = NAMES.map((name, i) => ({ code: String(i + 1).padStart(2, "0"), name }));

export function findPrefecture(code: string): Prefecture | undefined {
  return PREFECTURES.find((p) => p.code === code);
}

export function prefectureOf(lgCode: string): Prefecture | undefined {
  return findPrefecture(lgCode.slice(0, 2));
}
