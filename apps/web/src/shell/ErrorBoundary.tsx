import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import css from './Page.module.css';

function Fallback({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className={css.narrow}>
      <Alert data-color="danger" role="alert">
        <Heading level={1} data-size="xs">
          {t('errors.title')}
        </Heading>
        <Paragraph>{t('errors.generic')}</Paragraph>
        <Button variant="secondary" onClick={onRetry}>
          {t('errors.retry')}
        </Button>
      </Alert>
    </div>
  );
}

/** Keeps a rendering fault in one page from blanking the whole app (header stays usable). */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown) {
    console.error('Tavla: render error', error);
  }

  override render() {
    if (this.state.error) {
      // A lazily loaded chunk that is gone (the server was updated since this page loaded)
      // cannot come back by re-rendering: reload the page instead.
      const stale =
        /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(
          String((this.state.error as Error)?.message ?? this.state.error),
        );
      return (
        <Fallback onRetry={() => (stale ? location.reload() : this.setState({ error: null }))} />
      );
    }
    return this.props.children;
  }
}
