import { Textfield } from '@digdir/designsystemet-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { localPasswordProblem, passwordProblem } from '../admin/errors';

/** A new password, with the server's rules as its description (for a password manager too). */
export function NewPasswordField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Textfield
      label={label}
      description={t('password.rules')}
      type="password"
      autoComplete="new-password"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      required
    />
  );
}

/** Which password rule a new password breaks, checked before sending, in words; or undefined. */
export function newPasswordError(t: TFunction, password: string): string | undefined {
  const problem = localPasswordProblem(password);
  return problem ? t(`password.${problem}`) : undefined;
}

/** Which password rule the server says a new password broke, in words; or undefined. */
export function serverPasswordError(t: TFunction, e: unknown): string | undefined {
  const rule = passwordProblem(e);
  return rule ? t(`password.${rule}`) : undefined;
}
