/**
 * A real OpenID Connect provider for the tests: `oidc-provider` (the
 * certified Node.js implementation) on a loopback port, with its own login
 * and consent pages served as plain HTML forms (devInteractions off), so a
 * test completes them through HTTP as a browser would.
 *
 *   const idp = await startOidcProvider({ clients: [...], accounts: [...] });
 *   idp.issuer  // http://127.0.0.1:PORT
 *   await idp.stop();
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

export type ProviderAccount = {
  /** What the person types at the provider's login form. */
  username: string;
  password: string;
  sub: string;
  email?: string;
  emailVerified?: boolean;
  /** The authentication methods the provider reports for this person's sign-ins (RFC 8176). */
  amr?: string[];
};

export type ProviderClient = { clientId: string; clientSecret: string; redirectUris: string[] };

export type TestOidcProvider = { issuer: string; stop: () => Promise<void> };

export async function startOidcProvider(options: {
  clients: ProviderClient[];
  accounts: ProviderAccount[];
}): Promise<TestOidcProvider> {
  const byUsername = new Map(options.accounts.map((a) => [a.username, a]));
  const bySub = new Map(options.accounts.map((a) => [a.sub, a]));
  let provider: Provider | undefined;

  const server = createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith("/interaction/")) {
      interaction(provider, req, res, byUsername).catch((error: unknown) => {
        res.writeHead(500, { "Content-Type": "text/plain" }).end(String(error));
      });
      return;
    }
    void provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" }] as never },
    cookies: { keys: ["test-provider-cookie-key"] },
    // amr (how the person authenticated) in every ID token, as providers that report MFA do.
    claims: { amr: null, openid: ["sub", "amr"], email: ["email", "email_verified"] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { methods: ["S256"], required: () => true },
    async findAccount(_ctx, sub) {
      const account = bySub.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, email: account.email, email_verified: account.emailVerified };
        },
      };
    },
  };
  provider = new Provider(issuer, configuration);

  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The provider's own pages: a login form, then a consent form, both plain HTML. */
async function interaction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  accounts: ReadonlyMap<string, ProviderAccount>,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const action = `/interaction/${details.uid}`;
  if (req.method === "GET") {
    return details.prompt.name === "login" ? page(res, loginForm(action)) : page(res, consentForm(action, String(details.params.client_id)));
  }
  const form = new URLSearchParams(await body(req));
  if (details.prompt.name === "login") {
    const account = accounts.get(form.get("username") ?? "");
    if (!account || account.password !== form.get("password")) return page(res, loginForm(action, "ユーザー名またはパスワードが違います"), 400);
    return provider.interactionFinished(req, res, { login: { accountId: account.sub, amr: account.amr ?? ["pwd"] } }, { mergeWithLastSubmission: false });
  }
  // Consent: grant what the client asked for.
  const grant = details.grantId
    ? (await provider.Grant.find(details.grantId))!
    : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

const loginForm = (action: string, error?: string) => `<!doctype html><title>Test IdP</title>
${error ? `<p role="alert">${error}</p>` : ""}
<form method="post" action="${action}">
  <label>ユーザー名 <input name="username"></label>
  <label>パスワード <input name="password" type="password"></label>
  <button>ログイン</button>
</form>`;

const consentForm = (action: string, clientId: string) => `<!doctype html><title>Test IdP</title>
<p>${clientId} に、あなたの識別子とメールアドレスを渡します。</p>
<form method="post" action="${action}"><input type="hidden" name="prompt" value="consent"><button>許可</button></form>`;

function page(res: ServerResponse, html: string, status = 200): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" }).end(html);
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
