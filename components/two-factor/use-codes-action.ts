'use client';

import { useActionState } from 'react';

import { idle, type ActionState } from './action-state';

type CodesState = ActionState<{ recoveryCodes: string[] }>;
type CodesAction = (previous: CodesState, formData: FormData) => Promise<CodesState>;

/** A form action that yields a new set of recovery codes, handed to `onCodes` once it succeeds. */
export function useCodesAction(action: CodesAction, onCodes: (codes: string[]) => void) {
  return useActionState(async (previous: CodesState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === 'ok') onCodes(next.recoveryCodes);
    return next;
  }, idle);
}
