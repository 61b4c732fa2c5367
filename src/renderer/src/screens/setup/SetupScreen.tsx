/**
 * Thiết lập quầy: the guided first run after the admin's first password (hub, identity, printer,
 * people, recovery code, summary). Each step commits on its own; a restart resumes at the first step not done; every
 * step is reachable again from Ctrl+K. Keyboard only: Enter goes forward, F8 is "later / skip" where a
 * step allows it, Esc leaves (the step stays where it was).
 */
import { useCallback, useEffect, useState } from 'react';
import type { SetupStateDto, SetupStep } from '../../../../shared/ipc/contract';
import { SETUP_STEP_TITLES, SETUP_STEPS } from '../../../../shared/ipc/channels/setup';
import { api } from '../../api';
import { useShell } from '../../shell';
import { onWindowKey } from '../../keyboard';
import { HubStep } from './HubStep';
import { IdentityStep } from './IdentityStep';
import { PeopleStep } from './PeopleStep';
import { PrinterStep } from './PrinterStep';
import { RecoveryStep } from './RecoveryStep';
import { SummaryStep } from './SummaryStep';

export interface StepProps {
  state: SetupStateDto;
  /** The step committed: show the next one. */
  done(next: SetupStateDto, message: string): void;
}

/** A key the step offers besides Enter (F8: later / skip), bound while the step is shown. */
export function useStepKey(key: string, fn: (() => void) | null): void {
  useEffect(() => {
    if (!fn) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === key && !e.ctrlKey && !e.altKey && !e.shiftKey) {
        e.preventDefault();
        // The step's key wins over the same key's global meaning (F8 also opens the complaints screen).
        e.stopPropagation();
        fn();
      }
    };
    // Capture phase: before the shell's global keys, which listen in the bubble phase.
    return onWindowKey(onKey, true);
  }, [key, fn]);
}

export function SetupScreen({ step: wanted }: { step: SetupStep | null }) {
  const shell = useShell();
  const [state, setState] = useState<SetupStateDto | null>(null);
  const [step, setStep] = useState<SetupStep | null>(wanted);
  const [denied, setDenied] = useState<string | null>(null);

  useEffect(() => {
    void api()['setup.state']({}).then((r) => {
      if (!r.ok) return setDenied(r.error.message);
      setState(r.value);
      setStep((s) => s ?? r.value.resumeAt ?? 'summary');
    });
  }, []);

  const done = useCallback(
    (next: SetupStateDto, message: string) => {
      setState(next);
      shell.flash({ kind: 'ok', text: message });
      shell.refreshStatus();
      const at = SETUP_STEPS.indexOf(step ?? 'hub');
      setStep(SETUP_STEPS[Math.min(at + 1, SETUP_STEPS.length - 1)]!);
    },
    [shell, step],
  );

  if (denied) return <p className="notice">{denied}</p>;
  if (!state || !step) return <p>Đang mở…</p>;
  const props = { state, done };
  return (
    <div className="setup" data-testid="setup" data-step={step}>
      <ol className="steps" aria-label="Các bước thiết lập">
        {SETUP_STEPS.map((s, i) => {
          const rec = state.steps.find((x) => x.step === s);
          return (
            <li key={s} aria-current={s === step ? 'step' : undefined} className={rec ? 'done' : ''}>
              <span className="n">{rec ? '✓' : i + 1}</span> {SETUP_STEP_TITLES[s]}
            </li>
          );
        })}
      </ol>
      <h2 id="setup-step-title">
        Bước {SETUP_STEPS.indexOf(step) + 1}/{SETUP_STEPS.length}: {SETUP_STEP_TITLES[step]}
      </h2>
      {step === 'hub' ? <HubStep key="hub" {...props} /> : null}
      {step === 'identity' ? <IdentityStep key="identity" {...props} /> : null}
      {step === 'printer' ? <PrinterStep key="printer" {...props} /> : null}
      {step === 'people' ? <PeopleStep key="people" {...props} /> : null}
      {step === 'recovery' ? <RecoveryStep key="recovery" {...props} /> : null}
      {step === 'summary' ? <SummaryStep key="summary" {...props} /> : null}
    </div>
  );
}
