import { Select } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ROLES, useOrganisations } from './api';

/** The roles one can give in an agreement, as select options. */
export function RoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((r) => (
    <Select.Option key={r} value={r}>
      {t(`role.${r}`)}
    </Select.Option>
  ));
}

/** "None" (the empty value) and every organisation, as select options. */
export function OrganisationOptions({ noneLabel }: { noneLabel: string }) {
  const orgs = useOrganisations();
  return (
    <>
      <Select.Option value="">{noneLabel}</Select.Option>
      {(orgs.data ?? []).map((o) => (
        <Select.Option key={o.id} value={o.id}>
          {o.name}
        </Select.Option>
      ))}
    </>
  );
}
