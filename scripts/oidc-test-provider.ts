// A real OpenID provider (oidc-provider 9, from npm) on a local port, with test users: what the
// integration and e2e tests sign in against, and what `npm run oidc:demo` runs for the demo.
// Its sign-in page is oidc-provider's development form: any password is accepted for a known
// user id (the ids below); never expose it beyond the loopback interface.
import { createServer } from "node:http";
import Provider from "oidc-provider";

export type TestUser = {
  /** What to type as "login" on the provider's page. */
  id: string;
  given_name: string;
  family_name: string;
  email?: string;
  email_verified?: boolean;
  /** Sent as SPID and CIE send it, under FISCAL_NUMBER_CLAIM: "TINIT-<codice fiscale>". */
  fiscal_number?: string;
};

export const TEST_USERS: TestUser[] = [
  {
    id: "mario.spid",
    given_name: "Mario",
    family_name: "Rossi",
    email: "mario.rossi@spid.test",
    email_verified: true,
    fiscal_number: "TINIT-RSSMRA80A01H501U",
  },
  {
    id: "maria.cie",
    given_name: "Maria",
    family_name: "Rossi",
    email: "docente@forma.test",
    email_verified: false,
    fiscal_number: "TINIT-RSSMRA80A41D612C",
  },
  {
    // tests/e2e/oidc.spec.ts: "Resta collegato" through the provider's button (ADR 0092).
    id: "paola.spid",
    given_name: "Paola",
    family_name: "Bianchi",
    email: "paola.bianchi@spid.test",
    email_verified: true,
    fiscal_number: "TINIT-BNCPLA85M50H501B",
  },
];

export const FISCAL_NUMBER_CLAIM = "https://attributes.eid.gov.it/fiscal_number";

export type TestProviderOptions = {
  /** 0: any free port. */
  port: number;
  /** The issuer this provider announces; default http://127.0.0.1:<port>. */
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  /** Public keys of the client: it then authenticates with private_key_jwt instead of its secret. */
  clientJwks?: { keys: object[] };
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  users?: TestUser[];
  /** Seconds an ID token is valid (default one hour). */
  idTokenTtl?: number;
  /** Milliseconds to hold each token response after it is issued (a slow network: the ID token ages). */
  tokenResponseDelayMs?: number;
};

export type TestProvider = {
  port: number;
  issuer: string;
  clientId: string;
  clientSecret: string;
  close: () => Promise<void>;
};

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const issuer = options.issuer ?? `http://127.0.0.1:${port}`;
  const clientId = options.clientId ?? "forma";
  const clientSecret = options.clientSecret ?? "forma-test-client-secret-0123456789abcdef";
  // Read live, so that a test can add users to the list it passed.
  const users = options.users ?? TEST_USERS;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        ...(options.clientJwks
          ? { token_endpoint_auth_method: "private_key_jwt", jwks: options.clientJwks }
          : { token_endpoint_auth_method: "client_secret_basic" }),
      },
    ],
    async findAccount(_ctx: unknown, id: string) {
      const user = users.find((u) => u.id === id);
      if (!user) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            given_name: user.given_name,
            family_name: user.family_name,
            ...(user.email ? { email: user.email, email_verified: user.email_verified ?? false } : {}),
            ...(user.fiscal_number ? { [FISCAL_NUMBER_CLAIM]: user.fiscal_number } : {}),
          };
        },
      };
    },
    claims: {
      openid: ["sub"],
      profile: ["given_name", "family_name", FISCAL_NUMBER_CLAIM],
      email: ["email", "email_verified"],
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    ttl: {
      IdToken: options.idTokenTtl ?? 3600,
      AccessToken: 600,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    cookies: { keys: ["forma-test-provider-cookie-key"] },
  });
  provider.proxy = false;
  if (options.tokenResponseDelayMs) {
    const delay = options.tokenResponseDelayMs;
    provider.use(async (ctx: { path: string }, next: () => Promise<void>) => {
      await next();
      if (ctx.path === "/token") await new Promise((r) => setTimeout(r, delay));
    });
  }
  server.on("request", provider.callback());
  return {
    port,
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Signs `userId` in on the provider's development pages as a browser would, following redirects
 * from the authorization URL until the provider sends the browser back to Forma; returns that URL
 * (Forma's callback with code and state, or with an error).
 */
export async function signInAtProvider(authorizationUrl: string, userId: string, redirectPrefix: string): Promise<URL> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  let url = new URL(authorizationUrl);
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.href.startsWith(redirectPrefix)) return url;
    const response = await fetch(url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: cookieHeader(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body,
    });
    remember(response);
    body = undefined;
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url);
      continue;
    }
    const html = await response.text();
    if (response.status !== 200 || !url.pathname.startsWith("/interaction/")) {
      throw new Error(`unexpected answer from the provider at ${url.href}: ${response.status} ${html.slice(0, 300)}`);
    }
    // The development pages: a login form, then a consent form.
    body = html.includes('name="login"')
      ? new URLSearchParams({ prompt: "login", login: userId, password: "any" })
      : new URLSearchParams({ prompt: "consent" });
  }
  throw new Error("too many redirects at the provider");
}

// `npm run oidc:demo`: a provider for the local demo on OIDC_DEMO_PORT (default 3900).
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.OIDC_DEMO_PORT ?? 3900);
  const appOrigin = process.env.APP_ORIGIN ?? "http://localhost:3000";
  const provider = await startTestProvider({
    port,
    redirectUris: [`${appOrigin}/auth/oidc/demo/callback`],
    postLogoutRedirectUris: [`${appOrigin}/eventi`],
  });
  console.log(`Provider OpenID di prova su ${provider.issuer} (utenti: ${TEST_USERS.map((u) => u.id).join(", ")}).`);
  console.log("Avvia Forma con:");
  console.log(
    `OIDC_PROVIDERS='${JSON.stringify([
      {
        id: "demo",
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        label: "Entra con SPID (prova)",
      },
    ])}'`,
  );
}
