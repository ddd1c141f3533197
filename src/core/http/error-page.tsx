import { Layout } from "../views/layout.tsx";

export function ErrorPage(props: { title: string; detail: string; status: number }) {
  return (
    <Layout title={props.title} siteName="自治体DX推進計画ポータル" siteHref="/">
      <h1>{props.title}</h1>
      <p>{props.detail}</p>
      <p class="note">エラーコード: {props.status}</p>
      <p>
        <a href="/">トップページへ戻る</a>
      </p>
    </Layout>
  );
}
