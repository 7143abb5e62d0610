// Unit-test helpers for the pages' intent unions (app/forms/*-page-form.ts): a form's fields as
// FormData, parsed by Conform as the action does, and what the union says of each form.
import { parseWithZod } from "@conform-to/zod";
import type { ZodTypeAny } from "zod";
import { failedIntentOf } from "../../app/forms/intent.ts";

export type FormFields = Record<string, string | File> | [string, string | File][];

export function formDataOf(fields: FormFields): FormData {
  const data = new FormData();
  for (const [key, value] of Array.isArray(fields) ? fields : Object.entries(fields)) data.append(key, value);
  return data;
}

export function parseForm<S extends ZodTypeAny>(schema: S, fields: FormFields) {
  return parseWithZod(formDataOf(fields), { schema });
}

/** As the action parses a union with an async step (one that reads what it checks against). */
export function parseFormAsync<S extends ZodTypeAny>(schema: S, fields: FormFields) {
  return parseWithZod(formDataOf(fields), { schema, async: true });
}

type Parsed = ReturnType<typeof parseForm>;
const verdictOf = (submission: Parsed) => (submission.status === "success" ? "success" : failedIntentOf(submission));

/** Per form: "success", the union's intent whose other fields failed, or null (intent missing or unknown). */
export function verdictsOf(schema: ZodTypeAny, forms: FormFields[]): (string | null)[] {
  return forms.map((fields) => verdictOf(parseForm(schema, fields)));
}

/** verdictsOf for a union parsed with `async: true`. */
export function verdictsOfAsync(schema: ZodTypeAny, forms: FormFields[]): Promise<(string | null)[]> {
  return Promise.all(forms.map(async (fields) => verdictOf(await parseFormAsync(schema, fields))));
}
