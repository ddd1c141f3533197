/**
 * A temporary password is shown once, on the page that made it (decision
 * 027): its row in the summary list and the notice that says how to hand it
 * over. One place, so every page that issues one says the same.
 */
import type { Child } from "hono/jsx";

export function TemporaryPasswordRow(props: { password: string }) {
  return (
    <div>
      <dt>仮パスワード</dt>
      <dd>
        <code class="secret">{props.password}</code>
      </dd>
    </div>
  );
}

/** `children`: anything the page adds after the notice's own sentence. */
export function TemporaryPasswordNotice(props: { children?: Child }) {
  return (
    <p class="notice">
      仮パスワードはこの画面でしか表示しません。本人に直接伝えてください（メールやチャットでは送らないでください）。
      {props.children}
    </p>
  );
}
