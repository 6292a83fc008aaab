import { beforeAll, describe, expect, it } from 'vitest';
import { i18next } from '../i18n';
import { en as enMessages } from '../i18n/en';
import { nn as nnMessages } from '../i18n/nn';
import type { ActivityEvent } from './api';
import { phrase, when } from './phrase';

const kari = { id: 'u-kari', name: 'Kari Nordmann' };
const ev = (kind: string, summary: Record<string, unknown>): ActivityEvent => ({
  id: 'd1',
  at: '2026-11-27T08:00:00.000Z',
  actor: kari,
  kind,
  summary,
});

// Nynorsk and English may be loaded on demand by the app; load them here directly.
beforeAll(() => {
  i18next.addResourceBundle('nn', 'translation', nnMessages, true, true);
  i18next.addResourceBundle('en', 'translation', enMessages, true, true);
});

describe('phrase', () => {
  const nb = i18next.getFixedT('nb');
  const nn = i18next.getFixedT('nn');
  const en = i18next.getFixedT('en');

  it('phrases a move with both column names', () => {
    const e = ev('measure.moved', {
      title: 'Felles mobilitetsplan',
      fromColumnTitle: 'Idé',
      toColumnTitle: 'Pågår',
    });
    expect(phrase(nb, e, 'nb')).toBe(
      'Kari Nordmann flyttet «Felles mobilitetsplan» fra Idé til Pågår',
    );
    expect(phrase(nn, e, 'nn')).toBe(
      'Kari Nordmann flytta «Felles mobilitetsplan» frå Idé til Pågår',
    );
    expect(phrase(en, e, 'en')).toBe(
      'Kari Nordmann moved “Felles mobilitetsplan” from Idé to Pågår',
    );
  });

  it('quotes a title recorded mid-typing without the spaces around it', () => {
    const e = ev('measure.edited', { title: '  Felles velkomstprogram ', fields: ['title'] });
    expect(phrase(nb, e, 'nb')).toMatch(/«Felles velkomstprogram»/);
  });

  it('phrases a role change with role names in the language', () => {
    const e = ev('member.role_changed', {
      userId: 'u-ola',
      userName: 'Ola Hansen',
      from: 'editor',
      to: 'viewer',
    });
    expect(phrase(nb, e, 'nb')).toBe(
      'Kari Nordmann endret rollen til Ola Hansen fra redaktør til lesetilgang',
    );
    expect(phrase(en, e, 'en')).toContain('changed the role of Ola Hansen from');
  });

  it('lists edited fields as a sentence', () => {
    const e = ev('measure.edited', { title: 'X', fields: ['dueDate', 'owners', 'title'] });
    expect(phrase(nb, e, 'nb')).toBe('Kari Nordmann endret frist, ansvarlige og tittel på «X»');
    expect(phrase(en, e, 'en')).toBe('Kari Nordmann changed the due date, owners and title of “X”');
  });

  it('phrases member and milestone events, and falls back for unknown kinds', () => {
    expect(phrase(nb, ev('member.removed', { userName: 'Ola Hansen' }), 'nb')).toBe(
      'Kari Nordmann fjernet Ola Hansen fra avtalen',
    );
    expect(phrase(nb, ev('member.invited', { role: 'editor' }), 'nb')).toBe(
      'Kari Nordmann inviterte en ny person med rollen redaktør',
    );
    expect(
      phrase(nb, ev('milestone.linked', { title: 'Plan vedtatt', measureTitle: 'X' }), 'nb'),
    ).toBe('Kari Nordmann koblet «X» til milepælen «Plan vedtatt»');
    expect(phrase(nb, ev('status.added', { title: 'X', health: 'red' }), 'nb')).toBe(
      'Kari Nordmann publiserte en statusoppdatering på «X»: Kritisk',
    );
    expect(phrase(nb, ev('column.created', { columnId: 'c', title: 'Venter' }), 'nb')).toBe(
      'Kari Nordmann la til kolonnen «Venter»',
    );
    expect(
      phrase(nb, ev('column.renamed', { from: 'Idé', to: 'Forslag', title: 'Forslag' }), 'nb'),
    ).toBe('Kari Nordmann ga kolonnen «Idé» det nye navnet «Forslag»');
    expect(
      phrase(en, ev('column.renamed', { from: 'Idé', to: 'Forslag', title: 'Forslag' }), 'en'),
    ).toBe('Kari Nordmann renamed the column “Idé” to “Forslag”');
    expect(phrase(nb, { ...ev('noe.nytt', {}), actor: null }, 'nb')).toBe('Noen gjorde en endring');
  });
});

describe('when', () => {
  const now = Date.parse('2026-11-27T10:00:00.000Z');
  it('is relative up to a week, then absolute', () => {
    expect(when('2026-11-27T09:55:00.000Z', 'nb', now).relative).toBe('for 5 minutter siden');
    expect(when('2026-11-27T09:59:50.000Z', 'en', now).relative).toBe('now');
    expect(when('2026-11-26T10:00:00.000Z', 'nb', now).relative).toBe('i går');
    const old = when('2026-10-01T10:00:00.000Z', 'nb', now);
    expect(old.relative).toBe(old.absolute);
    expect(old.absolute).toMatch(/2026/);
  });
});
