// The fields' markup as the server renders it for a form sent back with errors: each field points
// to its own error message (WCAG 1.3.1, 3.3.1), so a screen reader reads it with the field.
import { useForm, type SubmissionResult } from "@conform-to/react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LocaleProvider } from "~/i18n/i18n.tsx";
import { CheckboxField, SelectField, TextField } from "./form-fields.tsx";

const refused: SubmissionResult<string[]> = {
  status: "error",
  initialValue: { name: "" },
  error: { confirm: ["Conferma di voler chiudere l'account."], name: ["validation.required"] },
};

function Sent({ hint }: { hint?: string }) {
  const [, fields] = useForm<{ confirm: boolean; name: string }>({ id: "f", lastResult: refused });
  return (
    <>
      <CheckboxField field={fields.confirm} label="Confermo" hint={hint} />
      <TextField field={fields.name} label="Nome" hint={hint} />
    </>
  );
}

function describedByOf(html: string, name: string): { ids: string[]; invalid: boolean; html: string } {
  const input = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0] ?? "";
  return {
    ids: (input.match(/aria-describedby="([^"]*)"/)?.[1] ?? "").split(" ").filter(Boolean),
    invalid: input.includes('aria-invalid="true"'),
    html,
  };
}

describe("a field sent back with an error", () => {
  for (const hint of [undefined, "Un suggerimento"]) {
    it(`is invalid and described by its error message, ${hint ? "and by its hint" : "without a hint"}`, () => {
      const html = renderToStaticMarkup(
        <LocaleProvider locale="it">
          <Sent hint={hint} />
        </LocaleProvider>,
      );
      for (const name of ["confirm", "name"]) {
        const { ids, invalid } = describedByOf(html, name);
        expect(invalid, name).toBe(true);
        // The ids it names are there, and one of them holds the error.
        const texts = ids.map((id) => html.match(new RegExp(`id="${id}"[^>]*>(.*?)</(div|small)>`))?.[1] ?? "");
        expect(texts.join(" | "), name).toMatch(/Conferma di voler chiudere l&#x27;account\.|obbligatori/);
        if (hint) expect(ids, name).toContain(`f-${name}-hint`);
      }
    });
  }
});

describe("a select locked to its stored value", () => {
  // The event form's delivery of a session with register lines (review 0018, finding 6): sent back with the refused
  // value, it still shows and sends the stored one only, disabled, described by its hint and its error.
  function Locked() {
    const [, fields] = useForm<{ delivery: string }>({
      id: "f",
      lastResult: {
        status: "error",
        initialValue: { delivery: "asincrona" },
        error: { delivery: ["events.error.sessionRecordedDeliveryChanged"] },
      },
    });
    return (
      <SelectField
        field={fields.delivery}
        label="Modalità"
        choices={[
          { value: "sincrona", label: "Sincrona" },
          { value: "asincrona", label: "Asincrona" },
        ]}
        lockedTo="sincrona"
        hint="Non si può cambiare."
      />
    );
  }

  it("is disabled with the stored choice alone, sent by a hidden field, and says why", () => {
    const html = renderToStaticMarkup(
      <LocaleProvider locale="it">
        <Locked />
      </LocaleProvider>,
    );
    expect(html).toContain('<input type="hidden" name="delivery" value="sincrona"/>');
    const select = html.match(/<select[^>]*>.*?<\/select>/)?.[0] ?? "";
    expect(select).toContain("disabled");
    expect(select).not.toContain("name=");
    expect(select).toContain('aria-invalid="true"');
    expect(select.match(/<option/g)).toHaveLength(1);
    expect(select).toContain('value="sincrona"');
    expect(select).toContain('aria-describedby="f-delivery-hint f-delivery-error"');
    expect(html).toContain('<small id="f-delivery-hint" class="form-text">Non si può cambiare.</small>');
  });
});
