// The sign-up's and "Password dimenticata?"'s limits count the client's network address (clientIp), which a school
// lab or a training venue shares: their messages, shown under an "Email" field, said "da questo indirizzo", which a
// teacher reads as her email refused, and the sign-up's gave no time to wait (review 0018, finding 6).
import { afterAll, describe, expect, it } from "vitest";
import * as forgotRoute from "../../app/routes/password-dimenticata.tsx";
import * as signupRoute from "../../app/routes/registrati.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { getEnv } from "../../app/utils/env.server.ts";
import {
  clientIp,
  consumePasswordResetAttempt,
  consumeSignupAttempt,
  PASSWORD_RESET_LIMITS,
} from "../../app/utils/rate-limit.server.ts";
import { unique } from "../support/factories.ts";
import { bodyOf, callRoute, statusOf, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

/** A network address of this test's own, so no other test's counting reaches it. */
const someNetwork = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;

function post(url: string, ip: string, fields: Record<string, string>): Request {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(url, { method: "POST", body, headers: { "x-forma-client-ip": ip } });
}

const signupFields = () => ({
  firstName: "Giulia",
  lastName: "Verdi",
  email: `${unique("rete")}@scuola.example.it`,
  password: "formazione2026",
  schoolLevel: "primaria",
  regionCode: "toscana",
  professionalRole: "docente",
  redirectTo: "",
});

async function formError(handler: Handler, request: Request): Promise<{ status: number; message: string }> {
  const answer = await callRoute(handler, request);
  const body = bodyOf<{ result: { error: Record<string, string[]> } }>(answer);
  return { status: statusOf(answer), message: body.result.error[""]?.[0] ?? "" };
}

describe("the per-network limits' messages", () => {
  it("sign-up: name the network (connessione), not an address, and say how many minutes to wait", async () => {
    const ip = someNetwork();
    const url = "http://localhost/registrati";
    for (let i = 0; i < getEnv().SIGNUP_RATE_LIMIT; i += 1) {
      expect((await consumeSignupAttempt(clientIp(post(url, ip, {})))).allowed).toBe(true);
    }
    const italian = await formError(signupRoute.action as Handler, post(url, ip, signupFields()));
    expect(italian.status).toBe(429);
    expect(italian.message).toMatch(
      /^Troppe registrazioni da questa rete \(connessione\) in poco tempo\. Riprova tra (59|60) minuti\.$/,
    );
    const english = await formError(signupRoute.action as Handler, post(`${url}?lang=en`, ip, signupFields()));
    expect(english.status).toBe(429);
    expect(english.message).toMatch(
      /^Too many sign-ups from this network \(connection\) in a short time\. Try again in (59|60) minutes\.$/,
    );
  });

  it("Password dimenticata?: the same wording, with its minutes", async () => {
    const ip = someNetwork();
    const url = "http://localhost/password-dimenticata";
    for (let i = 0; i < PASSWORD_RESET_LIMITS.perIp; i += 1) {
      const verdict = await consumePasswordResetAttempt(clientIp(post(url, ip, {})), `${unique("r")}@example.it`);
      expect(verdict.ip.allowed).toBe(true);
    }
    const email = `${unique("dimenticata")}@scuola.example.it`;
    const italian = await formError(forgotRoute.action as Handler, post(url, ip, { email }));
    expect(italian.status).toBe(429);
    expect(italian.message).toMatch(
      /^Troppe richieste da questa rete \(connessione\) in poco tempo\. Riprova tra (59|60) minuti\.$/,
    );
    const english = await formError(forgotRoute.action as Handler, post(`${url}?lang=en`, ip, { email }));
    expect(english.message).toMatch(
      /^Too many requests from this network \(connection\) in a short time\. Try again in (59|60) minutes\.$/,
    );
  });
});
