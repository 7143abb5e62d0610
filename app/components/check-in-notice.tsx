import { useLocale, useT } from "~/i18n/i18n.tsx";
import { formatLongDate, formatTime } from "~/utils/dates.ts";

/** Why the trainer's check-in pages show no QR code: not open yet, closed, or no check-in for this session. */
export function CheckInNotice(props: {
  view: { kind: "prima"; opensAt: string } | { kind: "chiuso"; closesAt: string } | { kind: string };
  opensMinutesBefore: number;
  className?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const { view } = props;
  const className = props.className ? ` ${props.className}` : "";
  if (view.kind === "prima" && "opensAt" in view)
    return (
      <div className={`alert alert-info${className}`} role="status">
        {t("checkIn.trainer.before", {
          time: formatTime(view.opensAt, locale),
          date: formatLongDate(view.opensAt, locale),
          minutes: props.opensMinutesBefore,
        })}
      </div>
    );
  if (view.kind === "chiuso" && "closesAt" in view)
    return (
      <div className={`alert alert-warning${className}`} role="status">
        {t("checkIn.trainer.after", {
          time: formatTime(view.closesAt, locale),
          date: formatLongDate(view.closesAt, locale),
        })}
      </div>
    );
  return (
    <div className={`alert alert-warning${className}`} role="status">
      {t("checkIn.trainer.notAvailable")}
    </div>
  );
}
