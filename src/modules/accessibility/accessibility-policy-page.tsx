/**
 * ウェブアクセシビリティ方針: the target, the scope, the honest current claim
 * and the latest recorded automated check. The claim stays 「一部準拠」 until
 * every success criterion has been tested by hand as the JIS guideline asks;
 * an automated check alone cannot show 「準拠」.
 */
import { Layout } from "../../core/views/layout.tsx";
import type { AccessibilityCheck } from "./accessibility-check-queries.ts";

export const SITE_NAME = "自治体DX推進計画ポータル";
export const NO_CHECK_YET = "自動チェックの記録はまだありません";
const SHOWN_DETAILS = 50;

/** 2025年11月2日 14:05, in Japan time whatever the server's zone. */
export function japaneseDateTime(date: Date): string {
  return new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "long", timeStyle: "short" }).format(date);
}

export function AccessibilityPolicyPage(props: { check: AccessibilityCheck | undefined }) {
  const title = "ウェブアクセシビリティ方針";
  return (
    <Layout title={title} siteName={SITE_NAME} siteHref="/" crumbs={[{ href: "/", label: "トップ" }, { label: title }]}>
      <h1>{title}</h1>
      <p>
        {SITE_NAME}
        （以下「本サイト」）は、年齢や障害の有無、使用する機器や環境にかかわらず、誰もが地方公共団体のDX推進計画とそのデータを利用できるよう、ウェブアクセシビリティの確保と向上に取り組みます。
      </p>

      <h2>目標とする適合レベル</h2>
      <p>
        日本産業規格 JIS X 8341-3:2016「高齢者・障害者等配慮設計指針－情報通信における機器，ソフトウェア及びサービス－第3部：ウェブコンテンツ」の
        <strong>適合レベルAA に準拠</strong>することを目標とします。
      </p>

      <h2>対象範囲</h2>
      <ul>
        <li>
          本サイトのすべてのページ（各地方公共団体の計画のトップ、取組方針、取組項目、担当課、国の計画との対応、評価の推移、用語説明、オープンデータの各ページ、およびこのページ）
        </li>
        <li>
          対象外: オープンデータとして提供するCSV・JSONファイル（機械で読み取るためのデータファイル）、リンク先の外部サイト
        </li>
      </ul>

      <h2>現在の対応状況</h2>
      <p>
        本サイトは、JIS X 8341-3:2016 の<strong>適合レベルAA に一部準拠</strong>しています。
      </p>
      <p>
        この表記は、すべてのページ種別に対する自動チェックツールによる試験と、キーボードでの操作（本文へ移動するリンク、横にスクロールする表）、スマートフォンの画面幅での表示、JavaScript
        を使わない場合の動作の自動テストに基づくものです。自動チェックで確かめられるのは達成基準の一部であり、ウェブアクセシビリティ基盤委員会「ウェブコンテンツの
        JIS X 8341-3:2016 対応度表記ガイドライン」に沿ったすべての達成基準の試験はまだ実施していないため、「準拠」ではなく「一部準拠」と表記しています。
      </p>

      <h2>最新の自動チェックの結果</h2>
      {props.check ? <CheckResult check={props.check} /> : <p>{NO_CHECK_YET}。</p>}
    </Layout>
  );
}

function CheckResult(props: { check: AccessibilityCheck }) {
  const { check } = props;
  return (
    <>
      <dl class="check-result">
        <div>
          <dt>実施日時</dt>
          <dd>
            <time datetime={check.checkedAt.toISOString()}>{japaneseDateTime(check.checkedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>使用したツール</dt>
          <dd>{check.tool}</dd>
        </div>
        <div>
          <dt>基準</dt>
          <dd>{check.standard}</dd>
        </div>
        <div>
          <dt>対象ページ数</dt>
          <dd>{check.pagesChecked}ページ</dd>
        </div>
        <div>
          <dt>結果</dt>
          <dd>
            {check.violations === 0
              ? "問題は検出されませんでした"
              : `${check.violations}件の問題が検出されました`}
          </dd>
        </div>
      </dl>
      {check.details.length > 0 ? (
        <>
          <h3>検出された問題</h3>
          <ul>
            {check.details.slice(0, SHOWN_DETAILS).map((v) => (
              <li>
                {v.help}（ルール {v.rule}）: <code>{v.url}</code>
              </li>
            ))}
          </ul>
          {check.details.length > SHOWN_DETAILS ? <p>ほか{check.details.length - SHOWN_DETAILS}件</p> : null}
        </>
      ) : null}
      <p class="note">自動チェックで見つけられない問題もあります。お気づきの点は、各地方公共団体の担当課までお知らせください。</p>
    </>
  );
}
