import { Alert, Button, Heading, Textfield } from '@digdir/designsystemet-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCopy } from '../admin/useCopy';
import css from './forms.module.css';

/**
 * The result of creating something with a one-time secret (an invitation link, an API token):
 * it takes focus when it appears, explains itself and offers the secret to copy, announcing how
 * the copy went. It appears anew (and forgets the last copy) for every new secret.
 */
export function CreatedSecret({
  heading,
  children,
  label,
  value,
  copyLabel,
  copiedText,
  'data-testid': testId,
  fieldTestId,
}: {
  heading: string;
  /** What the secret is for, under the heading. */
  children: ReactNode;
  label: string;
  value: string;
  copyLabel: string;
  copiedText: string;
  'data-testid': string;
  fieldTestId: string;
}) {
  const { t } = useTranslation();
  const resultRef = useRef<HTMLDivElement>(null);
  const fieldRef = useRef<HTMLInputElement>(null);
  const { state, copy } = useCopy();

  useEffect(() => {
    resultRef.current?.focus();
  }, []);

  return (
    <Alert data-color="info" ref={resultRef} tabIndex={-1} data-testid={testId}>
      <Heading level={3} data-size="xs">
        {heading}
      </Heading>
      {children}
      <div className={css.secret}>
        <Textfield
          label={label}
          readOnly
          value={value}
          ref={fieldRef}
          onFocus={(e) => e.currentTarget.select()}
          data-testid={fieldTestId}
        />
        <Button variant="secondary" onClick={() => copy(value, fieldRef.current)}>
          {copyLabel}
        </Button>
      </div>
      <p role="status" aria-live="polite">
        {state === 'copied' && copiedText}
        {state === 'failed' && t('invite.copyFailed')}
      </p>
    </Alert>
  );
}
