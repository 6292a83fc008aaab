import { Button } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

/** A form's submit button on its own line (not stretched by the form's column layout). */
export function SubmitButton({ loading, children }: { loading: boolean; children: ReactNode }) {
  return (
    <div>
      <Button type="submit" loading={loading}>
        {children}
      </Button>
    </div>
  );
}
