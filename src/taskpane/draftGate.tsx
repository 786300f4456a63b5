/**
 * A draft with open errors is used knowingly: copying it (the pane, the page) or downloading it (the page) asks once
 * per set of open errors, and whether flagged figures carry `【待核实】` is one choice for the copy and the download.
 * Pane provides it; the report preview and the page's downloads use it.
 */
import * as React from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../core/types";
import { useStrings } from "./i18n";

interface DraftGate {
  /** Open errors of the check. */
  errors: number;
  /** The user already said to use the draft with these errors. */
  confirmed: boolean;
  confirm(): void;
  /** Write `【待核实】` after flagged figures in the copy and the .docx. */
  flagText: boolean;
  setFlagText(on: boolean): void;
}

const DraftGateContext = React.createContext<DraftGate>({
  errors: 0,
  confirmed: true,
  confirm: () => undefined,
  flagText: false,
  setFlagText: () => undefined,
});

export function DraftGateProvider({
  findings,
  children,
}: {
  findings: Finding[];
  children: React.ReactNode;
}) {
  const key = React.useMemo(
    () =>
      findings
        .filter((f) => f.status === "open" && f.severity === "error")
        .map((f) => f.id)
        .sort()
        .join(","),
    [findings],
  );
  const errors = key ? key.split(",").length : 0;
  const [confirmedKey, setConfirmedKey] = React.useState<string | null>(null);
  const [flagText, setFlagText] = React.useState(false);
  const value = React.useMemo<DraftGate>(
    () => ({
      errors,
      confirmed: errors === 0 || confirmedKey === key,
      confirm: () => setConfirmedKey(key),
      flagText,
      setFlagText,
    }),
    [errors, confirmedKey, key, flagText],
  );
  return (
    <DraftGateContext.Provider value={value}>
      {children}
    </DraftGateContext.Provider>
  );
}

export function useDraftSettings(): Pick<
  DraftGate,
  "flagText" | "setFlagText" | "errors"
> {
  return React.useContext(DraftGateContext);
}

const useStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorNeutralForeground1,
  },
  text: { margin: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/**
 * `guard(action)`: runs the action at once when the draft has no open error or the user already confirmed; otherwise
 * shows `prompt` (render it beside the button) and runs the action when the user confirms.
 */
export function useDraftGate(): {
  guard(action: () => void | Promise<void>): void;
  prompt: React.ReactNode;
} {
  const gate = React.useContext(DraftGateContext);
  const s = useStrings();
  const styles = useStyles();
  const id = React.useId();
  const [pending, setPending] = React.useState<
    (() => void | Promise<void>) | null
  >(null);
  const guard = (action: () => void | Promise<void>) => {
    if (gate.confirmed) void action();
    else setPending(() => action);
  };
  const prompt =
    pending && !gate.confirmed ? (
      <div
        role="alertdialog"
        aria-labelledby={`${id}-q`}
        className={styles.box}
        data-testid="draft-confirm"
      >
        <p id={`${id}-q`} className={styles.text}>
          {s.draftConfirm(gate.errors)}
        </p>
        <div className={styles.row}>
          <Button
            appearance="primary"
            size="small"
            autoFocus
            data-testid="draft-confirm-yes"
            onClick={() => {
              const run = pending;
              gate.confirm();
              setPending(null);
              void run();
            }}
          >
            {s.draftConfirmYes}
          </Button>
          <Button
            size="small"
            data-testid="draft-confirm-no"
            onClick={() => setPending(null)}
          >
            {s.cancel}
          </Button>
        </div>
      </div>
    ) : null;
  return { guard, prompt };
}
