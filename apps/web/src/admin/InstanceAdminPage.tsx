import {
  Alert,
  Link as DsLink,
  Heading,
  Paragraph,
  Select,
  Textfield,
} from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AgreementSummary, OrganisationKind } from '../api/client';
import { keys } from '../api/queries';
import { PageSection } from '../forms/PageSection';
import { SubmitButton } from '../forms/SubmitButton';
import { ErrorAlert, PageSpinner } from '../forms/feedback';
import { SelectField } from '../forms/SelectField';
import page from '../shell/Page.module.css';
import css from './admin.module.css';
import { adminEndpoints, adminKeys, useIsInstanceAdmin, useOrganisations } from './api';
import { apiErrorText } from './errors';
import { OrganisationOptions } from './options';
import { usePageTitle } from '../shell/usePageTitle';

/** Same rule as the server's AGREEMENT_ID_PATTERN (apps/server/src/accounts/accounts.ts). */
export const AGREEMENT_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A short address name from a title: "Tromsvekstavtalen 2027" -> "tromsvekstavtalen-2027". */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
}

const KINDS: readonly OrganisationKind[] = ['county', 'ipr', 'municipality'];

/** /admin — for instance administrators: new agreements and organisations. */
export function InstanceAdminPage() {
  const { t } = useTranslation();
  const admin = useIsInstanceAdmin();
  usePageTitle([t('admin.title')]);
  if (admin.isPending) return <PageSpinner />;
  if (!admin.data)
    return (
      <div className={page.page}>
        <Heading level={1} data-size="lg">
          {t('admin.title')}
        </Heading>
        <Alert data-color="warning" data-testid="admin-not-allowed">
          {t('admin.notAllowed')}
        </Alert>
      </div>
    );
  return (
    <div className={page.page} data-testid="instance-admin-page">
      <Heading level={1} data-size="lg">
        {t('admin.title')}
      </Heading>
      <Paragraph>{t('admin.intro')}</Paragraph>
      <CreateAgreement />
      <CreateOrganisation />
    </div>
  );
}

function CreateAgreement() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [errors, setErrors] = useState<{ title?: string; id?: string }>({});
  const [created, setCreated] = useState<AgreementSummary | null>(null);
  const create = useMutation({
    mutationFn: adminEndpoints.createAgreement,
    onSuccess: (a) => {
      setCreated(a);
      setTitle('');
      setId('');
      setIdTouched(false);
      void qc.invalidateQueries({ queryKey: keys.agreements });
    },
  });
  const effectiveId = idTouched ? id : slugify(title);

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: typeof errors = {};
    if (!title.trim()) errs.title = t('admin.agreement.titleRequired');
    if (!AGREEMENT_ID.test(effectiveId)) errs.id = t('admin.agreement.idInvalid');
    setErrors(errs);
    if (errs.title || errs.id) return;
    setCreated(null);
    create.mutate({ id: effectiveId, title: title.trim() });
  }

  return (
    <PageSection headingId="new-agreement-heading" title={t('admin.agreement.title')}>
      <Paragraph>{t('admin.agreement.intro')}</Paragraph>
      <form
        className={css.form}
        onSubmit={submit}
        noValidate
        aria-labelledby="new-agreement-heading"
      >
        <Textfield
          label={t('admin.agreement.name')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.title}
          required
        />
        <Textfield
          label={t('admin.agreement.id')}
          description={t('admin.agreement.idHelp')}
          value={effectiveId}
          onChange={(e) => {
            setIdTouched(true);
            setId(e.target.value);
          }}
          error={errors.id}
          required
        />
        <SubmitButton loading={create.isPending}>{t('admin.agreement.submit')}</SubmitButton>
      </form>
      <div role="status" aria-live="polite">
        {created && (
          <Alert data-color="success" data-testid="agreement-created">
            <Paragraph>{t('admin.agreement.created', { title: created.title })}</Paragraph>
            <DsLink asChild>
              <Link href={`/a/${encodeURIComponent(created.id)}`}>{t('admin.agreement.open')}</Link>
            </DsLink>
          </Alert>
        )}
      </div>
      {create.error && (
        <ErrorAlert>
          {apiErrorText(t, create.error, { 409: t('admin.agreement.exists') })}
        </ErrorAlert>
      )}
    </PageSection>
  );
}

function CreateOrganisation() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const orgs = useOrganisations();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind>('municipality');
  const [parentId, setParentId] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: adminEndpoints.createOrganisation,
    onSuccess: (o) => {
      setCreated(o.name);
      setName('');
      void qc.invalidateQueries({ queryKey: adminKeys.organisations });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setNameError(t('admin.organisation.nameRequired'));
    setNameError(undefined);
    setCreated(null);
    create.mutate({ name: name.trim(), kind, parentId: parentId || null });
  }

  return (
    <PageSection headingId="new-org-heading" title={t('admin.organisation.title')}>
      <form className={css.form} onSubmit={submit} noValidate aria-labelledby="new-org-heading">
        <Textfield
          label={t('admin.organisation.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={nameError}
          required
        />
        <div className={css.row}>
          <SelectField
            label={t('admin.organisation.kind')}
            value={kind}
            onChange={(v) => setKind(v as OrganisationKind)}
          >
            {KINDS.map((k) => (
              <Select.Option key={k} value={k}>
                {t(`admin.organisation.kinds.${k}`)}
              </Select.Option>
            ))}
          </SelectField>
          <SelectField
            label={t('admin.organisation.parent')}
            value={parentId}
            onChange={setParentId}
          >
            <OrganisationOptions noneLabel={t('admin.organisation.parentNone')} />
          </SelectField>
        </div>
        <SubmitButton loading={create.isPending}>{t('admin.organisation.submit')}</SubmitButton>
      </form>
      <div role="status" aria-live="polite">
        {created && (
          <Alert data-color="success">{t('admin.organisation.created', { name: created })}</Alert>
        )}
      </div>
      {create.error && (
        <ErrorAlert>
          {apiErrorText(t, create.error, { 409: t('admin.organisation.exists') })}
        </ErrorAlert>
      )}
      <Heading level={3} data-size="xs">
        {t('admin.organisation.list')}
      </Heading>
      {orgs.data && orgs.data.length === 0 && <Paragraph>{t('admin.organisation.none')}</Paragraph>}
      {orgs.data && orgs.data.length > 0 && (
        <ul data-testid="organisation-list">
          {orgs.data.map((o) => (
            <li key={o.id}>
              {o.name} <span className={css.sub}>{t(`admin.organisation.kinds.${o.kind}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </PageSection>
  );
}
