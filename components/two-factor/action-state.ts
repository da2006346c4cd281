// What the security page's server actions answer. Errors name the field to mark, if any.
export type FieldName = 'password' | 'code';

export type ActionState<T extends object = object> =
  | { status: 'idle' }
  | { status: 'error'; message: string; field: FieldName | null }
  | ({ status: 'ok' } & T);

export interface EnrolmentView {
  qrDataUrl: string;
  groupedSecret: string;
  otpauthUri: string;
}

export const idle = { status: 'idle' } as const;
