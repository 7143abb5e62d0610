// The account fields that signing up (/registrati), completing a SPID/CIE sign-in
// (/accedi/completa) and the profile (/profilo) share: the person's name, their school, and the
// school level, region and role that decide which events are for them.
import type { FieldMetadata } from "@conform-to/react";
import { PROFESSIONAL_ROLE_LABELS, REGION_LABELS, SCHOOL_LEVEL_LABELS } from "~/domain/vocabulary.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { options, SelectField, TextField } from "./form-fields.tsx";

type Field = FieldMetadata<string | undefined | null>;
type Labelled = Parameters<typeof options>[0];

/** First name and surname, side by side from tablet width up. */
export function NameFields({ firstName, lastName }: { firstName: Field; lastName: Field }) {
  const t = useT();
  return (
    <div className="row">
      <div className="col-md-6">
        <TextField field={firstName} label={t("auth.field.firstName")} autoComplete="given-name" required />
      </div>
      <div className="col-md-6">
        <TextField field={lastName} label={t("auth.field.lastName")} autoComplete="family-name" required />
      </div>
    </div>
  );
}

/** The school's name and its ministry code (both optional). */
export function SchoolFields({ schoolName, schoolCode }: { schoolName: Field; schoolCode: Field }) {
  const t = useT();
  return (
    <div className="row">
      <div className="col-md-8">
        <TextField field={schoolName} label={t("auth.field.schoolName")} autoComplete="organization" />
      </div>
      <div className="col-md-4">
        <TextField field={schoolCode} label={t("auth.field.schoolCode")} hint={t("auth.field.schoolCodeHint")} />
      </div>
    </div>
  );
}

/**
 * The account's current password, asked before a change only its owner may make (profile, email,
 * closing) or before signing in (`label` "auth.field.password").
 */
export function CurrentPasswordField({
  field,
  label = "profile.password.current",
}: {
  field: Field;
  label?: "profile.password.current" | "auth.field.password";
}) {
  const t = useT();
  return <TextField field={field} label={t(label)} type="password" autoComplete="current-password" required />;
}

/** A new email address for the account (the profile's change of address). */
export function NewEmailField({ field }: { field: Field }) {
  const t = useT();
  return <TextField field={field} label={t("profile.email.new")} type="email" autoComplete="email" required />;
}

/** The labels of the account fields these forms share, by their name (the error summary's links). */
const ACCOUNT_FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  firstName: "auth.field.firstName",
  lastName: "auth.field.lastName",
  email: "auth.field.email",
  password: "auth.field.password",
  schoolName: "auth.field.schoolName",
  schoolCode: "auth.field.schoolCode",
  schoolLevel: "auth.field.schoolLevel",
  regionCode: "auth.field.region",
  professionalRole: "auth.field.professionalRole",
};

/** A field's label for the error summary of an account form; `own` names the form's other fields. */
export function useAccountFieldLabel(own: Readonly<Record<string, MessageKey>> = {}) {
  const t = useT();
  return (name: string) => {
    const key = own[name] ?? ACCOUNT_FIELD_LABELS[name];
    return key ? t(key) : undefined;
  };
}

/** A required choice from one of the vocabularies (labels in both languages). */
function VocabularyField({ field, label, labels }: { field: Field; label: MessageKey; labels: Labelled }) {
  const t = useT();
  const locale = useLocale();
  return <SelectField field={field} label={t(label)} choices={options(labels, locale)} required />;
}

export function SchoolLevelField({ field }: { field: Field }) {
  return <VocabularyField field={field} label="auth.field.schoolLevel" labels={SCHOOL_LEVEL_LABELS} />;
}

export function RegionField({ field }: { field: Field }) {
  return <VocabularyField field={field} label="auth.field.region" labels={REGION_LABELS} />;
}

export function ProfessionalRoleField({ field }: { field: Field }) {
  return <VocabularyField field={field} label="auth.field.professionalRole" labels={PROFESSIONAL_ROLE_LABELS} />;
}

/** School level, region and role, one under the other (a new account's form). */
export function TeacherFields({
  schoolLevel,
  regionCode,
  professionalRole,
}: {
  schoolLevel: Field;
  regionCode: Field;
  professionalRole: Field;
}) {
  return (
    <>
      <SchoolLevelField field={schoolLevel} />
      <RegionField field={regionCode} />
      <ProfessionalRoleField field={professionalRole} />
    </>
  );
}
