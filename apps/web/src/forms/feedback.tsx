import { Alert, Spinner } from '@digdir/designsystemet-react';
import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../admin/errors';
import page from '../shell/Page.module.css';

/** The spinner for something still loading, named for screen readers. */
export function LoadingSpinner() {
  const { t } = useTranslation();
  return <Spinner aria-label={t('app.loading')} />;
}

/** A whole page (or route) still loading: the spinner, centred. */
export function PageSpinner() {
  return (
    <div className={page.center}>
      <LoadingSpinner />
    </div>
  );
}

/** A failed action, announced at once (role="alert"). */
export function ErrorAlert({
  children,
  'data-testid': testId,
}: {
  children: ReactNode;
  'data-testid'?: string;
}) {
  return (
    <Alert data-color="danger" role="alert" data-testid={testId}>
      {children}
    </Alert>
  );
}

/** A polite live region that shows the outcome of an action as a success message. */
export function SuccessStatus({
  message,
  ...rest
}: { message: string } & Omit<ComponentProps<'div'>, 'role' | 'aria-live' | 'children'>) {
  return (
    <div role="status" aria-live="polite" {...rest}>
      {message && <Alert data-color="success">{message}</Alert>}
    </div>
  );
}

/** A list's query while it loads or when it fails (its data is the caller's to show). */
export function QueryFeedback({
  query,
  errorText,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown };
  /** The message on failure; by default the REST error in the person's language. */
  errorText?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {query.isPending && <LoadingSpinner />}
      {query.isError && (
        <Alert data-color="danger">{errorText ?? apiErrorText(t, query.error)}</Alert>
      )}
    </>
  );
}
